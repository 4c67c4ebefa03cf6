/** The header that carries the session's CSRF token; shared by the browser and the server. */
export const CSRF_HEADER = 'x-csrf-token';
