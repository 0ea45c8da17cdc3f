/**
 * The sentences of allegro-mock's provider states, to name in a pact's `given(...)`; `{name}` parts are the state's
 * parameters. Kept apart from the states' setup, so that a consumer's tests get the names without the server.
 * @example .given(PROVIDER_STATE_NAMES.disputeClosed, { disputeId: 'a38812fa-6fef-4c9c-ac06-a0952b67ba78' })
 */
export const PROVIDER_STATE_NAMES = {
  defaultScenario: 'the default scenario',
  disputeClosed: 'dispute {disputeId} is closed',
  buyerReplied: 'the buyer replied in dispute {disputeId}',
  sellerHas50Contacts: 'seller {seller} has 50 contacts',
  offerActive: 'offer {offerId} is active',
  attachmentDeclared: 'seller {seller} declared attachment {attachmentId} of {size} bytes',
  publicationSettled: 'publication command {commandId} to {action} offer {offerId} has settled',
  nextTaskFails: 'the next publication task fails with {message}',
  taskFailed: 'a publication task of offer {offerId} failed with {message}',
  claimAwaitsDecision: 'claim {claimId} awaits the seller\'s decision',
  claimDecided: 'the seller decided claim {claimId} with {decision}',
  chatClosed: 'the chat of issue {issueId} is closed',
} as const

export type ProviderStateName = typeof PROVIDER_STATE_NAMES[keyof typeof PROVIDER_STATE_NAMES]

/**
 * The parameters a state's sentence names, each optional (the mock has a default for every one).
 * @example const params: ProviderStateParams<'dispute {disputeId} is closed'> = { disputeId: 'a38812fa-…' }
 */
export type ProviderStateParams<S extends string> = { [P in ParameterOf<S>]?: string }

type ParameterOf<S extends string> = S extends `${string}{${infer P}}${infer Rest}` ? P | ParameterOf<Rest> : never
