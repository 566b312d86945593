import type { Tx } from '../db/types';
import type { ScopedDb } from '../db/scoped';

/** An upload whose bytes are staged but not yet visible; the caller drives it with its transaction. */
export interface StagedUpload {
	/** Records the object inside the caller's transaction (local: the storage.objects row; Supabase: the upload). */
	record(tx: Tx): Promise<void>;
	/** After the transaction committed: makes the bytes final (local: renames the temp file). */
	commit(): Promise<void>;
	/** After any failure: leaves nothing behind (local: removes the temp file; Supabase: removes the object). */
	abort(): Promise<void>;
}

export interface StageInput {
	bucket: string;
	/** Object name inside the bucket, `<board>/<file>/v<n>-<random>`. */
	name: string;
	bytes: Uint8Array;
	contentType: string;
	/** The uploader (storage.objects.owner). */
	ownerId: string;
}

export interface SignInput {
	bucket: string;
	name: string;
	/** Seconds the link stays valid. */
	expiresIn: number;
	/** Original file name for Content-Disposition. */
	downloadName: string;
	contentType: string;
}

/** The storage port: local disk (embedded) or Supabase Storage. */
export interface StoragePort {
	readonly kind: 'local' | 'supabase';
	stage(input: StageInput): Promise<StagedUpload>;
	/**
	 * Removes the objects' rows inside the caller's transaction where the adapter owns them, and returns
	 * what must run after the commit (removing the bytes): row first, then bytes, so a failed transaction
	 * never loses bytes that a row still points at.
	 */
	remove(tx: Tx, bucket: string, names: string[]): Promise<() => Promise<void>>;
	/** A short-lived link that serves exactly this object (and no other) until it expires. */
	signedUrl(input: SignInput): Promise<string>;
	/** The bytes of one object, for the server's own use (the board book); callers check visibility under RLS first. */
	read(bucket: string, name: string): Promise<Uint8Array>;
	/**
	 * The bytes of an object for a signed-out visitor, or null when Storage's RLS (the `anon` policies on
	 * storage.objects) hides it: local asks storage.objects through `anon` (the anon request handle); Supabase
	 * downloads with the anon key, so Storage itself applies the same policies. Called outside any transaction.
	 */
	readPublic(anon: ScopedDb, bucket: string, name: string): Promise<Uint8Array | null>;
}
