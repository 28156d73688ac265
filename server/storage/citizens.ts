import type { Kysely } from 'kysely';
import type { CodeColour } from '../../core/contract/common.ts';
import { documentKey, normaliseDocument, residentId, type IdentityDocument } from '../../core/identity/documents.ts';
import type { CitizensTable, FamilyLinkChange, Schema } from './schema.ts';

export type CitizenRow = CitizensTable;

/** A guardian as the dependant sees him (services/family.ts masks him): who, and since when. */
export interface GuardianLink {
  guardianId: string;
  name: string;
  phone: string | null;
  linkedAt: string;
}

interface NewCitizenFields {
  id: string;
  phone: string | null;
  name: string;
  colour: CodeColour;
  colourSince: string;
  guardianId: string | null;
  demo?: { order: number; note: { zh: string; en: string } };
}
/** A citizen to add, by their document or, as before documents, by a resident ID number. */
export type NewCitizen = NewCitizenFields & ({ document: IdentityDocument } | { idNumber: string });

/** Citizens and the family links between them, as rows; masking and access rules live in services/. */
/** The document a row holds, in core/identity's terms. */
export function rowDocument(row: Pick<CitizenRow, 'document_type' | 'document_country' | 'id_number'>): IdentityDocument {
  return row.document_type === 'passport'
    ? { type: 'passport', number: row.id_number, country: row.document_country }
    : { type: row.document_type, number: row.id_number };
}

/** The three columns a document is stored in. */
export function documentColumns(document: IdentityDocument): Pick<CitizenRow, 'document_type' | 'document_country' | 'id_number'> {
  const normal = normaliseDocument(document);
  return { document_type: normal.type, document_country: normal.country ?? '', id_number: normal.number };
}

export function createCitizenStore(db: Kysely<Schema>) {
  const citizens = () => db.selectFrom('citizens').selectAll();
  function byDocument(document: IdentityDocument): Promise<CitizenRow | undefined> {
    const columns = documentColumns(document);
    return citizens()
      .where('id_number', '=', columns.id_number)
      .where('document_type', '=', columns.document_type)
      .where('document_country', '=', columns.document_country)
      .executeTakeFirst();
  }
  return {
    byId: (id: string): Promise<CitizenRow | undefined> => citizens().where('id', '=', id).executeTakeFirst(),
    byPhone: (phone: string): Promise<CitizenRow | undefined> => citizens().where('phone', '=', phone).executeTakeFirst(),
    byDocument,
    /** A mainland resident ID's holder: what every lookup was before other documents. */
    byIdNumber(idNumber: string): Promise<CitizenRow | undefined> {
      return byDocument(residentId(idNumber));
    },
    dependantsOf: (guardianId: string): Promise<CitizenRow[]> =>
      db
        .selectFrom('family_links')
        .innerJoin('citizens', 'citizens.id', 'family_links.dependant_id')
        .selectAll('citizens')
        .where('family_links.guardian_id', '=', guardianId)
        .orderBy('family_links.linked_at')
        .orderBy('citizens.id')
        .execute(),
    async isLinked(guardianId: string, dependantId: string): Promise<boolean> {
      const row = await db
        .selectFrom('family_links')
        .select('guardian_id')
        .where('guardian_id', '=', guardianId)
        .where('dependant_id', '=', dependantId)
        .executeTakeFirst();
      return row !== undefined;
    },
    /** Links them; false when they were linked already. */
    async link(guardianId: string, dependantId: string, at: string): Promise<boolean> {
      const row = await db
        .insertInto('family_links')
        .values({ guardian_id: guardianId, dependant_id: dependantId, linked_at: at })
        .onConflict((conflict) => conflict.columns(['guardian_id', 'dependant_id']).doNothing())
        .returning('dependant_id')
        .executeTakeFirst();
      return row !== undefined;
    },
    /** Who holds the dependant's code, longest-linked first. */
    guardiansOf: (dependantId: string): Promise<GuardianLink[]> =>
      db
        .selectFrom('family_links')
        .innerJoin('citizens', 'citizens.id', 'family_links.guardian_id')
        .select(['citizens.id as guardianId', 'citizens.name', 'citizens.phone', 'family_links.linked_at as linkedAt'])
        .where('family_links.dependant_id', '=', dependantId)
        .orderBy('family_links.linked_at')
        .orderBy('citizens.id')
        .execute(),
    /** Appends one change of a link to the dependant's record of them. */
    async recordLinkChange(change: { id: string; dependantId: string; guardianId: string; change: FamilyLinkChange; at: string }): Promise<void> {
      await db
        .insertInto('family_link_events')
        .values({ citizen_id: change.dependantId, id: change.id, at: change.at, guardian_id: change.guardianId, change: change.change })
        .execute();
    },
    /** Whether any change of a link between them was ever recorded: they were linked once, whoever ended it. */
    async everLinked(dependantId: string, guardianId: string): Promise<boolean> {
      const row = await db
        .selectFrom('family_link_events')
        .select('id')
        .where('citizen_id', '=', dependantId)
        .where('guardian_id', '=', guardianId)
        .executeTakeFirst();
      return row !== undefined;
    },
    async unlink(guardianId: string, dependantId: string): Promise<boolean> {
      const result = await db
        .deleteFrom('family_links')
        .where('guardian_id', '=', guardianId)
        .where('dependant_id', '=', dependantId)
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
    async byIds(ids: readonly string[]): Promise<CitizenRow[]> {
      return ids.length === 0 ? [] : citizens().where('id', 'in', ids).execute();
    },
    /** The holders of these documents, by number through the index and then by type and country. */
    async byDocuments(documents: readonly IdentityDocument[]): Promise<CitizenRow[]> {
      if (documents.length === 0) return [];
      const keys = new Set(documents.map(documentKey));
      const numbers = [...new Set(documents.map((document) => documentColumns(document).id_number))];
      const rows = await citizens().where('id_number', 'in', numbers).execute();
      return rows.filter((row) => keys.has(documentKey(rowDocument(row))));
    },
    async byPhones(phones: readonly string[]): Promise<CitizenRow[]> {
      return phones.length === 0 ? [] : citizens().where('phone', 'in', phones).execute();
    },
    /** Adds citizens a provider's feed registered, a batch at a time. */
    async insertMany(rows: readonly CitizenRow[]): Promise<void> {
      if (rows.length > 0) await db.insertInto('citizens').values([...rows]).execute();
    },
    /** A correction of who a citizen is: the registry's name and phone replace the old ones. */
    async updateIdentity(id: string, name: string, phone: string | null): Promise<void> {
      await db.updateTable('citizens').set({ name, phone }).where('id', '=', id).execute();
    },
    demo: (): Promise<CitizenRow[]> => citizens().where('demo_order', 'is not', null).orderBy('demo_order').execute(),
    /** Adds a citizen; one already there keeps everything but the day their colour was set. */
    async upsert(citizen: NewCitizen): Promise<void> {
      await db
        .insertInto('citizens')
        .values({
          id: citizen.id,
          phone: citizen.phone,
          name: citizen.name,
          ...documentColumns('document' in citizen ? citizen.document : residentId(citizen.idNumber)),
          colour: citizen.colour,
          colour_since: citizen.colourSince,
          guardian_id: citizen.guardianId,
          demo_order: citizen.demo?.order ?? null,
          demo_note_zh: citizen.demo?.note.zh ?? null,
          demo_note_en: citizen.demo?.note.en ?? null,
        })
        .onConflict((conflict) => conflict.column('id').doUpdateSet((eb) => ({ colour_since: eb.ref('excluded.colour_since') })))
        .execute();
    },
  };
}

export type CitizenStore = ReturnType<typeof createCitizenStore>;
