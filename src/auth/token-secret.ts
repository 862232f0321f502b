/**
 * The token text and its stored form. A token is 256 random bits, so a plain SHA-256 is enough
 * to store it safely: a slow hash (scrypt, argon2) protects guessable passwords, and guessing
 * 2^256 values is out of reach either way — while SHA-256 costs a microsecond per request.
 */
import { hash, randomBytes } from 'node:crypto';

/** Recognisable in logs and secret scanners; not part of the secret. */
export const TOKEN_PREFIX = 'eco_';

export function generateToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  // The one-shot form: no Hash object per request.
  return hash('sha256', token, 'hex');
}

/** The token of an `Authorization: Bearer <token>` header; null if the header is absent or another scheme. */
export function bearerToken(header: string | null | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
  return match ? match[1]! : null;
}
