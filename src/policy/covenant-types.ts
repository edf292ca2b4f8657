// Placeholder until the policy engine lands; replaced by the policy work.
export interface Covenant { readonly id: string }
export interface CovenantGrant { readonly id: string }
