import { listVoicesOperation } from '../../shared/voices/operations';

/** List Cloned Voices: POST /v1/get_voice with voice_type "voice_cloning" (docs/minimax-api.md §4). Built by the shared voice-operation factory. */
const operation = listVoicesOperation('list', 'voice_cloning');

export const description = operation.description;
export const execute = operation.execute;
