/**
 * Sync with the county backend (sync-api.md): {@link cn.yzz.kiosk.cache.sync.BackendClient} is the one
 * configured OkHttp client, {@link cn.yzz.kiosk.cache.sync.SyncEngine} moves the outbox through it on the
 * {@code kiosk-sync} thread. Every re-send is the engine's decision, with the same ids; the backend
 * deduplicates, so lost answers cost a duplicate upload, never a duplicate record.
 */
package cn.yzz.kiosk.cache.sync;
