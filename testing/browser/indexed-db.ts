/**
 * What the app keeps in IndexedDB, read from inside the page as the app would see it (the schema is
 * app/offline/db.ts). Only reads: a spec never writes the app's database behind its back.
 */
import type { Page } from '@playwright/test';

const walletDbName = 'suishen-wallet';

export interface StoresRead {
  /** Every key of each store named in `keys`. */
  keys: Record<string, unknown[]>;
  /** Every row of each store named in `rows`. */
  rows: Record<string, unknown[]>;
}

/** Reads the keys of some stores and the rows of others, in one transaction. */
export async function readStores(page: Page, wanted: { keys?: readonly string[]; rows?: readonly string[] }): Promise<StoresRead> {
  // Rows go through JSON in the page, so a CryptoKey or a Blob in them reads as `{}` there, never as whatever
  // Playwright's own serialisation makes of it.
  const read = await page.evaluate(
    ({ name, keys, rows }) =>
      new Promise<{ keys: Record<string, unknown[]>; rows: string }>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(open.error ?? new Error('open failed'));
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction([...new Set([...keys, ...rows])]);
          const keyRequests = keys.map((store) => [store, tx.objectStore(store).getAllKeys()] as const);
          const rowRequests = rows.map((store) => [store, tx.objectStore(store).getAll()] as const);
          tx.onerror = () => reject(tx.error ?? new Error('read failed'));
          tx.oncomplete = () => {
            db.close();
            resolve({
              keys: Object.fromEntries(keyRequests.map(([store, request]) => [store, request.result])),
              rows: JSON.stringify(Object.fromEntries(rowRequests.map(([store, request]) => [store, request.result]))),
            });
          };
        };
      }),
    { name: walletDbName, keys: [...(wanted.keys ?? [])], rows: [...(wanted.rows ?? [])] },
  );
  return { keys: read.keys, rows: JSON.parse(read.rows) as Record<string, unknown[]> };
}

/** The row stored under `key` in `store`, or undefined when there is none. */
export function readRow(page: Page, store: string, key: string): Promise<unknown> {
  return page.evaluate(
    ({ name, store, key }) =>
      new Promise<unknown>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(open.error ?? new Error('open failed'));
        open.onsuccess = () => {
          const get = open.result.transaction(store).objectStore(store).get(key);
          get.onerror = () => reject(get.error ?? new Error('read failed'));
          get.onsuccess = () => {
            open.result.close();
            resolve(get.result);
          };
        };
      }),
    { name: walletDbName, store, key },
  );
}
