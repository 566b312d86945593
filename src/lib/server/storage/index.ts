import type { Config } from '../config';
import { createLocalStorage } from './local';
import { createSupabaseStorage } from './supabase';
import type { StoragePort } from './port';

/** Supabase Storage when Supabase is configured, local disk under DATA_DIR otherwise. */
export async function createStorage(cfg: Pick<Config, 'dataDir' | 'supabase'>): Promise<StoragePort> {
	return cfg.supabase ? createSupabaseStorage(cfg.supabase) : createLocalStorage({ dataDir: cfg.dataDir });
}
