/**
 * Checking a vocabulary's bytes against its pinned sha256, anywhere Web Crypto exists
 * (browsers, Web Workers, Node 20).
 */
import type { VocabRef } from "../types.js";

/** Lower-case hex sha256 of `bytes`. */
export async function sha256Hex(bytes: ArrayBuffer | Uint8Array): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest("SHA-256", bytes as BufferSource);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * Check `bytes` against `ref.sha256` and return them as the text `createEncoding` takes.
 * Throws a message naming the file when they differ.
 */
export async function verifyVocab(ref: VocabRef, bytes: ArrayBuffer | Uint8Array): Promise<string> {
  const actual = await sha256Hex(bytes);
  if (actual !== ref.sha256) {
    throw new Error(
      `Vocabulary ${ref.file} has sha256 ${actual}, but the registry pins ${ref.sha256}: the file is altered or truncated.`,
    );
  }
  return new TextDecoder("latin1").decode(bytes);
}
