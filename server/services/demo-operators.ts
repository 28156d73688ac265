/**
 * Demo mode's operators (docs/authority.md): a district operator of 静安区 and a city administrator, so a
 * newcomer can try the whole flow. Their codes come back on screen like the demo citizens'; since anyone may
 * sign in as them, each sign-in makes a fresh passkey on the spot instead of requiring an earlier one.
 */
import type { OperatorRow, OperatorStore } from '../storage/operators.ts';

export const demoOperators: readonly OperatorRow[] = [
  { id: 'demo-operator-jingan', phone: '13900000001', name: '王静安', role: 'district-operator', district: '静安区' },
  { id: 'demo-operator-city', phone: '13900000009', name: '陈市政', role: 'city-admin', district: null },
];

export const isDemoOperator = (operator: OperatorRow) => demoOperators.some((demo) => demo.id === operator.id);

/** Adds the demo operators once; a phone already an operator's is left alone. */
export async function seedDemoOperators(store: OperatorStore, now = Date.now()): Promise<void> {
  for (const operator of demoOperators) {
    if (!(await store.byId(operator.id))) await store.add({ ...operator, createdAt: new Date(now).toISOString() });
  }
}
