/** The name the session is stored under: its cookie (or cookies `shop-session|0`, `|1`, …). */
export const SESSION_COOKIE = 'shop-session';
