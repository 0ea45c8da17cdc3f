/** Wire types of categories, their parameters and classified packages, named as in Allegro's document. */
export interface CategoryOptions {
  advertisement: boolean
  advertisementPriceOptional: boolean
  variantsByColorPatternAllowed: boolean
  offersWithProductPublicationEnabled: boolean
  productCreationEnabled: boolean
}

export interface Category {
  id: string
  name: string
  parent: { id: string } | null
  leaf: boolean
  options: CategoryOptions
}

interface ParameterBase {
  id: string
  name: string
  required: boolean
  unit: string | null
  options: { variantsAllowed: boolean, variantsEqual: boolean }
}

export interface DictionaryParameter extends ParameterBase {
  type: 'dictionary'
  dictionary: Array<{ id: string, value: string }>
  restrictions: { multipleChoices: boolean }
}

export interface IntegerParameter extends ParameterBase {
  type: 'integer'
  restrictions: { min: number, max: number, range: boolean }
}

export interface FloatParameter extends ParameterBase {
  type: 'float'
  restrictions: { min: number, max: number, range: boolean, precision: number }
}

export interface StringParameter extends ParameterBase {
  type: 'string'
  restrictions: { minLength: number, maxLength: number, allowedNumberOfValues: number }
}

export type CategoryParameter = DictionaryParameter | IntegerParameter | FloatParameter | StringParameter

export interface ClassifiedPackage {
  id: string
  name: string
  type: 'BASE' | 'EXTRA'
  publication?: { duration: string }
  promotions?: Array<{ name: string, duration: string }>
  extensions?: Array<{ name: string, description: string }>
}

/** A package with what the mock needs to know beyond the wire: where it is offered and what it costs. */
export interface CataloguePackage extends ClassifiedPackage {
  meta: {
    categoryIds: string[]
    /** Quote of the fee preview: its name, price and billing cycle. */
    fee: { name: string, amount: string, cycleDuration: string }
  }
}
