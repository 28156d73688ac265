import './status-badge.css';
import type { ReactNode } from 'react';

export type BadgeStatus = 'pending' | 'approved' | 'refused' | 'requested' | 'licensed' | 'suspended' | 'revoked';

/** A venue's review or a kiosk's licence, as the console and the venue owner both show it. */
export function StatusBadge({ status, children }: { status: BadgeStatus; children: ReactNode }) {
  return <span className={`status-badge status-badge--${status}`}>{children}</span>;
}
