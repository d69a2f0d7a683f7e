// U+0000 (PostgreSQL text cannot hold it) and UTF-16 halves without their partner (not encodable as UTF-8).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether a text holds a character that cannot be stored: a NUL or a lone surrogate. */
export const holdsIllegalText = (s: string) => s.includes('\0') || LONE_SURROGATE.test(s);
