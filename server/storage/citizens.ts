import type { CodeColour, DemoAccount, Profile } from '../../core/contract.ts';
import { maskIdNumber, maskName } from '../services/masking.ts';
import type { Db } from './database.ts';

interface CitizenRow {
  id: string;
  phone: string | null;
  name: string;
  id_number: string;
  colour: CodeColour;
  colour_since: string;
  guardian_id: string | null;
  demo_order: number | null;
  demo_note_zh: string | null;
  demo_note_en: string | null;
}

export interface NewCitizen {
  id: string;
  phone: string | null;
  name: string;
  idNumber: string;
  colour: CodeColour;
  colourSince: string;
  guardianId: string | null;
  demo?: { order: number; note: { zh: string; en: string } };
}

function toProfile(row: CitizenRow): Profile {
  return {
    id: row.id,
    maskedName: maskName(row.name),
    maskedIdNumber: maskIdNumber(row.id_number),
    colour: row.colour,
    colourSince: row.colour_since,
  };
}

export function createCitizenStore(db: Db) {
  const byId = db.prepare<[string], CitizenRow>('SELECT * FROM citizens WHERE id = ?');
  const byPhone = db.prepare<[string], CitizenRow>('SELECT * FROM citizens WHERE phone = ?');
  const dependantsOf = db.prepare<[string], CitizenRow>(
    `SELECT citizens.* FROM family_links JOIN citizens ON citizens.id = family_links.dependant_id
     WHERE family_links.guardian_id = ? ORDER BY family_links.linked_at, citizens.id`,
  );
  const linked = db.prepare<[string, string], { one: number }>(
    'SELECT 1 AS one FROM family_links WHERE guardian_id = ? AND dependant_id = ?',
  );
  const byIdNumber = db.prepare<[string], CitizenRow>('SELECT * FROM citizens WHERE id_number = ?');
  const insertLink = db.prepare(
    'INSERT INTO family_links (guardian_id, dependant_id, linked_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
  );
  const deleteLink = db.prepare('DELETE FROM family_links WHERE guardian_id = ? AND dependant_id = ?');
  const demo = db.prepare<[], CitizenRow>('SELECT * FROM citizens WHERE demo_order IS NOT NULL ORDER BY demo_order');
  const insert = db.prepare(
    `INSERT INTO citizens (id, phone, name, id_number, colour, colour_since, guardian_id, demo_order, demo_note_zh, demo_note_en)
     VALUES (@id, @phone, @name, @idNumber, @colour, @colourSince, @guardianId, @demoOrder, @demoNoteZh, @demoNoteEn)
     ON CONFLICT(id) DO UPDATE SET colour_since = excluded.colour_since`,
  );

  return {
    profile(id: string): Profile | undefined {
      const row = byId.get(id);
      return row && toProfile(row);
    },
    idForPhone(phone: string): string | undefined {
      return byPhone.get(phone)?.id;
    },
    dependants(guardianId: string): Profile[] {
      return dependantsOf.all(guardianId).map(toProfile);
    },
    /** Whether `viewerId` may read `subjectId`'s records: their own, or a dependant they have linked. */
    canRead(viewerId: string, subjectId: string): boolean {
      return viewerId === subjectId || linked.get(viewerId, subjectId) !== undefined;
    },
    /**
     * The citizen a name and ID number describe, only when both match: a wrong name with a right number
     * finds no one, so the number alone reveals nothing.
     */
    findByIdentity(name: string, idNumber: string): { id: string; phone: string | null } | undefined {
      const row = byIdNumber.get(idNumber);
      return row && row.name === name ? { id: row.id, phone: row.phone } : undefined;
    },
    link(guardianId: string, dependantId: string, at: string): void {
      insertLink.run(guardianId, dependantId, at);
    },
    unlink(guardianId: string, dependantId: string): boolean {
      return deleteLink.run(guardianId, dependantId).changes > 0;
    },
    demoAccounts(): DemoAccount[] {
      return demo.all().flatMap((row) =>
        row.phone
          ? [
              {
                phone: row.phone,
                maskedName: maskName(row.name),
                colour: row.colour,
                note: { zh: row.demo_note_zh ?? '', en: row.demo_note_en ?? '' },
              },
            ]
          : [],
      );
    },
    upsert(citizen: NewCitizen): void {
      insert.run({
        ...citizen,
        demoOrder: citizen.demo?.order ?? null,
        demoNoteZh: citizen.demo?.note.zh ?? null,
        demoNoteEn: citizen.demo?.note.en ?? null,
      });
    },
  };
}

export type CitizenStore = ReturnType<typeof createCitizenStore>;
