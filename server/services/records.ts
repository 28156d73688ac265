/**
 * Reading a citizen's records: the viewer's right to them is checked and, for anyone but the citizen,
 * the read is in the access log (citizens.ts `readable`) before the records are loaded.
 */
import type { AccessedData } from '../../core/contract/account.ts';
import type { RecordStore } from '../storage/records.ts';
import type { CitizenService } from './citizens.ts';

export function createRecordService(deps: { citizens: CitizenService; store: RecordStore }) {
  const { citizens, store } = deps;
  const reader =
    <T>(data: AccessedData, load: (citizenId: string) => Promise<T>) =>
    async (viewerId: string, subjectId: string): Promise<T> => {
      await citizens.readable(viewerId, subjectId, { data });
      return load(subjectId);
    };
  return {
    vaccinations: reader('vaccinations', (id) => store.vaccinations(id)),
    pcrTests: reader('pcr-tests', (id) => store.pcrTests(id)),
    antigenTests: reader('antigen-tests', (id) => store.antigenTests(id)),
    itinerary: reader('itinerary', (id) => store.itinerary(id)),
  };
}

export type RecordService = ReturnType<typeof createRecordService>;
