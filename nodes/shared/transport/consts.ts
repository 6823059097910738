/** Named timeouts and intervals of the transport, in milliseconds. */

/** A JSON API request (query, list, small create) until the whole answer has arrived. */
export const REQUEST_TIMEOUT_MS = 120_000;

/** A request that generates media before answering (speech, image, voice design, lyrics, upload). */
export const GENERATION_TIMEOUT_MS = 300_000;

/** Authenticated file-content downloads (Files → Download), which may be large. */
export const FILE_CONTENT_TIMEOUT_MS = 600_000;

/** One signed-URL download (no API key) until its response starts. */
export const DOWNLOAD_TIMEOUT_MS = 120_000;

/** Longest silence allowed in a stream (audio, chat) unless an option says otherwise. */
export const STREAM_IDLE_TIMEOUT_MS = 120_000;

/** The slice cancellable waits sleep in, so a cancelled execution stops waiting promptly. */
export const CANCEL_CHECK_INTERVAL_MS = 250;

/** Upper bound for a Retry-After header. */
export const MAX_RETRY_AFTER_MS = 120_000;

/** Upper bound for one backoff delay. */
export const MAX_BACKOFF_DELAY_MS = 30_000;
