/** The credential every MiniMax request is signed with. */
export const CREDENTIAL_TYPE = 'miniMaxApi';
