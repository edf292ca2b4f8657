export interface GatewayServices {}
