// @pactflow/swagger-mock-validator ships no type declarations; this is the part of its API the kit uses.
declare module '@pactflow/swagger-mock-validator' {
  export interface ValidationResultItem {
    code: string
    message: string
    type: 'error' | 'warning'
    source: string
    mockDetails?: { interactionDescription?: string | null, interactionState?: string | null, location?: string, value?: unknown }
    specDetails?: { location?: string, pathMethod?: string | null, pathName?: string | null, value?: unknown }
  }
  export interface ValidationOutcome {
    success: boolean
    errors: ValidationResultItem[]
    warnings: ValidationResultItem[]
    failureReason?: string
  }
  export const SwaggerMockValidatorFactory: {
    create (): { validate (options: { specPathOrUrl: string, mockPathOrUrl: string, providerName?: string }): Promise<ValidationOutcome> }
  }
}
