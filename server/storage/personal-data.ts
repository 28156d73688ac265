/**
 * Everything the database holds about one citizen, in one place: read together for 导出我的数据 and
 * deleted together for 注销账号. A table that gains a citizen's rows belongs in both lists here
 * (personal-data.test.ts fails for a table that holds a deleted citizen's id).
 */
import type { Kysely } from 'kysely';
import type { Schema } from './schema.ts';

/** Who a spent antigen kit serial or a seen cassette photo belonged to once that account is deleted. */
const erasedCitizen = 'erased';

export function createPersonalDataStore(db: Kysely<Schema>) {
  return {
    /** The rows no other store reads for the export: the photos, the colour history, the links and what providers sent. */
    async collect(citizenId: string) {
      const [antigenTests, photos, colourChanges, guardians, dependants, feedRecords] = await Promise.all([
        db.selectFrom('antigen_tests').select(['id', 'created_at']).where('citizen_id', '=', citizenId).execute(),
        db.selectFrom('antigen_photos').selectAll().where('citizen_id', '=', citizenId).execute(),
        db.selectFrom('colour_changes').selectAll().where('citizen_id', '=', citizenId).orderBy('effective_at', 'desc').execute(),
        db
          .selectFrom('family_links')
          .innerJoin('citizens', 'citizens.id', 'family_links.guardian_id')
          .select(['citizens.id', 'citizens.name', 'family_links.linked_at'])
          .where('family_links.dependant_id', '=', citizenId)
          .execute(),
        db
          .selectFrom('family_links')
          .innerJoin('citizens', 'citizens.id', 'family_links.dependant_id')
          .select(['citizens.id', 'citizens.name', 'family_links.linked_at'])
          .where('family_links.guardian_id', '=', citizenId)
          .execute(),
        db.selectFrom('feed_records').selectAll().where('citizen_id', '=', citizenId).orderBy('received_at').execute(),
      ]);
      return { antigenUploads: antigenTests, photos, colourChanges, guardians, dependants, feedRecords };
    },
    /**
     * Deletes the citizen and everything of theirs, children before parents (PostgreSQL checks the foreign
     * keys); run it in a transaction, so that an account is gone entirely or not at all. Check-ins others
     * made at the citizen's venues are theirs and stay. A provider sending the citizen again later makes a
     * new account, with nothing of the old one.
     */
    async erase(citizenId: string, phone: string | null): Promise<void> {
      const byCitizen = ['access_log', 'antigen_photos', 'antigen_tests', 'pcr_tests', 'vaccinations', 'itinerary_stops', 'check_ins', 'sync_items', 'colour_changes', 'feed_record_history', 'feed_records', 'sessions'] as const;
      for (const table of byCitizen) await db.deleteFrom(table).where('citizen_id', '=', citizenId).execute();
      await db.deleteFrom('family_links').where((eb) => eb.or([eb('guardian_id', '=', citizenId), eb('dependant_id', '=', citizenId)])).execute();
      await db.deleteFrom('family_link_events').where((eb) => eb.or([eb('guardian_id', '=', citizenId), eb('citizen_id', '=', citizenId)])).execute();
      // The owner's kiosks go with their venues; lookups they made of others stay, without the kiosk to act again.
      const ownVenues = db.selectFrom('venues').select('number').where('owner_id', '=', citizenId);
      await db.deleteFrom('kiosks').where('venue_number', 'in', ownVenues).execute();
      await db.deleteFrom('venues').where('owner_id', '=', citizenId).execute();
      // A lookup of the citizen by a kiosk stays counted, without saying whose it was.
      await db.updateTable('kiosk_lookups').set({ citizen_id: null }).where('citizen_id', '=', citizenId).execute();
      // A spent kit serial and a photo already seen stay spent, or deleting an account would free them for
      // reuse: they are kept without the person.
      for (const table of ['antigen_kit_uses', 'antigen_photo_hashes'] as const) {
        await db.updateTable(table).set({ citizen_id: erasedCitizen }).where('citizen_id', '=', citizenId).execute();
      }
      await db.updateTable('citizens').set({ guardian_id: null }).where('guardian_id', '=', citizenId).execute();
      if (phone) await db.deleteFrom('otp_codes').where('phone', '=', phone).execute();
      // The phone's and the person's counters (services/login-limits.ts, family.ts) name them in their keys.
      const keys = [`family-codes:${citizenId}`, `family-links:${citizenId}`, ...(phone ? [`wrong:${phone}`, `codes-day:${phone}`, `codes-hour:${phone}`] : [])];
      await db.deleteFrom('login_throttle').where('key', 'in', keys).execute();
      await db.deleteFrom('citizens').where('id', '=', citizenId).execute();
    },
  };
}

export type PersonalDataStore = ReturnType<typeof createPersonalDataStore>;
