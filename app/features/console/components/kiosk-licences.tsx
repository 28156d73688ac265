import '../../../ui/record-list.css';
import { useState } from 'react';
import { useConsoleText } from '../../../i18n/console-messages.ts';
import { useOperatorKiosks } from '../api/operator-work.ts';
import { splitKiosks } from '../kiosk-licence.ts';
import { KioskCard } from './kiosk-card.tsx';
import { QueryState } from './console-status.tsx';

/** Licence requests to answer, then every other kiosk of the district with its state, last sync and counts. */
export function KioskLicences() {
  const c = useConsoleText();
  const kiosks = useOperatorKiosks();
  const [done, setDone] = useState<string | null>(null);
  return (
    <>
      {done && <p className="console-notice" role="status">{done}</p>}
      <QueryState query={kiosks} empty={() => null}>
        {(data) => {
          const { requests, others } = splitKiosks(data.kiosks);
          return (
            <>
              <section className="card" aria-labelledby="kiosk-requests">
                <h2 id="kiosk-requests">{c('console.kiosks.requests')}</h2>
                {requests.length === 0 ? (
                  <p className="empty">{c('console.kiosks.requestsEmpty')}</p>
                ) : (
                  <ul className="record-list">
                    {requests.map((kiosk) => (
                      <li key={kiosk.id} className="record">
                        <KioskCard kiosk={kiosk} onDone={setDone} />
                      </li>
                    ))}
                  </ul>
                )}
              </section>
              <section className="card" aria-labelledby="kiosk-others">
                <h2 id="kiosk-others">{c('console.kiosks.licensed')}</h2>
                {others.length === 0 ? (
                  <p className="empty">{c('console.kiosks.licensedEmpty')}</p>
                ) : (
                  <ul className="record-list">
                    {others.map((kiosk) => (
                      <li key={kiosk.id} className="record">
                        <KioskCard kiosk={kiosk} onDone={setDone} />
                      </li>
                    ))}
                  </ul>
                )}
              </section>
            </>
          );
        }}
      </QueryState>
    </>
  );
}
