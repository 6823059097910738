import { listVoicesOperation } from '../../shared/voices/operations';

/** List Voices: POST /v1/get_voice, every voice type (docs/minimax-api.md §4). Built by the shared voice-operation factory. */
const operation = listVoicesOperation('listVoices');

export const description = operation.description;
export const execute = operation.execute;
