/**
 * The operator's commands (`npm run admin -- <command>`), apart from the process around them so that
 * tests can run them over a test server's storage. Output goes line by line to `print`; a refusal is a
 * thrown ProviderError whose message is meant for the operator.
 */
import { phone as phoneSchema } from '../core/contract/common.ts';
import { operatorRole } from '../core/contract/console.ts';
import { providerScopes } from '../core/contract/feeds.ts';
import { randomUUID } from 'node:crypto';
import { ProviderError, type ProviderService } from './services/providers.ts';
import { createSigner, retiredKeyPublishedMs, rotateSigningKey } from './services/signer.ts';
import { createVenueService } from './services/venues.ts';
import type { Storage } from './storage/storage.ts';

export const adminUsage = `usage:
  npm run admin -- provider add <name> --scopes <comma list>   prints the new API key on the last line
  npm run admin -- provider list
  npm run admin -- provider revoke <name>
  npm run admin -- operator add --phone <11 digits> --name <name> --role district-operator --district <区>
  npm run admin -- operator add --phone <11 digits> --name <name> --role city-admin
  npm run admin -- operator list                               operators sign in at /console with a code and then a passkey
  npm run admin -- keys rotate                                 a new signing key; the old one stays published while what it signed is valid
  npm run admin -- keys rotate --sign-venues-again             the same, and every venue code signed anew, so the old key can go in 3 days
  npm run admin -- backup <new file>                           a consistent copy of the SQLite database, while servers run
  npm run admin -- restore <file>                              puts a backup in place; stop every server first
scopes: ${providerScopes.join(', ')}`;

/**
 * Retires the signing key and makes a new one. Posters already on walls keep the old key published for as
 * long as their venues exist, unless `signVenuesAgain` (a key that must go, say one thought stolen): then
 * every venue code is signed with the new key, and owners print their posters again before the old one goes.
 */
async function rotateKeys(storage: Storage, signingKeySecret: string | undefined, signVenuesAgain: boolean, print: (line: string) => void): Promise<void> {
  // A secret that does not open the current key is the operator's to fix, said in one line.
  const kid = await rotateSigningKey(storage.signingKeys, signingKeySecret).catch((error: unknown) => {
    throw new ProviderError(error instanceof Error ? error.message : String(error));
  });
  const days = retiredKeyPublishedMs / (24 * 60 * 60 * 1000);
  print(`New signing key ${kid}: every server signs with it within a minute.`);
  if (!signVenuesAgain) {
    print(`The old key stays in /api/keys for ${days} days, and after that for as long as a venue whose poster it signed exists.`);
    return;
  }
  const signer = await createSigner(storage.signingKeys, signingKeySecret);
  const venues = await createVenueService({ venues: storage.venues, checkIns: storage.checkIns, signer }).signAllAgain();
  print(`The old key stays in /api/keys for ${days} days, until everything it signed has expired, then goes.`);
  print(`${venues} venue codes were signed again: their owners should print their posters again within ${days} days.`);
}

/** `--flag value` pairs; anything else (a flag twice, a value without flag) is a usage error. */
function flags(rest: readonly string[]): Map<string, string> {
  const found = new Map<string, string>();
  for (let i = 0; i < rest.length; i += 2) {
    const flag = rest[i];
    const value = rest[i + 1];
    if (!flag?.startsWith('--') || value === undefined || found.has(flag)) throw new ProviderError(adminUsage);
    found.set(flag.slice(2), value);
  }
  return found;
}

/** `operator add` and `operator list` (docs/authority.md): who may sign in to the console, with which powers. */
async function operatorCommand(storage: Storage, command: string | undefined, rest: readonly string[], print: (line: string) => void): Promise<void> {
  if (command === 'list' && rest.length === 0) {
    const all = await storage.operators.all();
    if (all.length === 0) print('No operators yet.');
    for (const operator of all) print([operator.phone, operator.name, operator.role, operator.district ?? '(all districts)'].join('\t'));
    return;
  }
  if (command !== 'add') throw new ProviderError(adminUsage);
  const given = flags(rest);
  const phone = phoneSchema.safeParse(given.get('phone'));
  const role = operatorRole.safeParse(given.get('role'));
  const name = given.get('name')?.trim();
  const district = given.get('district')?.trim();
  if (!phone.success) throw new ProviderError('--phone: an 11-digit mainland mobile number');
  if (!role.success) throw new ProviderError(`--role: ${operatorRole.options.join(' or ')}`);
  if (!name || name.length > 30) throw new ProviderError('--name: 1 to 30 characters');
  if (role.data === 'district-operator' && !district) throw new ProviderError('--district: a district operator acts for one district, e.g. --district 静安区');
  if (role.data === 'city-admin' && district) throw new ProviderError('--district: a city administrator acts for every district; leave it out');
  if (given.size !== (district ? 4 : 3)) throw new ProviderError(adminUsage);
  const added = await storage.operators.add({ id: randomUUID(), phone: phone.data, name, role: role.data, district: district ?? null, createdAt: new Date().toISOString() });
  if (!added) throw new ProviderError(`phone ${phone.data} is an operator's already`);
  print(`Operator ${name} (${role.data}${district ? `, ${district}` : ''}) added: they sign in at /console with a code to ${phone.data}, then register a passkey.`);
}

export async function runAdmin(
  args: readonly string[],
  deps: { providers: ProviderService; storage?: Storage; signingKeySecret?: string },
  print: (line: string) => void,
): Promise<void> {
  const [group, command, name, ...rest] = args;
  const { providers } = deps;
  if (group === 'keys' && command === 'rotate' && (name === undefined || name === '--sign-venues-again') && rest.length === 0 && deps.storage) {
    await rotateKeys(deps.storage, deps.signingKeySecret, name === '--sign-venues-again', print);
    return;
  }
  if (group === 'operator' && deps.storage) {
    await operatorCommand(deps.storage, command, name === undefined ? rest : [name, ...rest], print);
    return;
  }
  if (group !== 'provider') throw new ProviderError(adminUsage);
  if (command === 'add' && name && rest.length === 2 && rest[0] === '--scopes' && rest[1]) {
    const key = await providers.add(name, rest[1]);
    print(`Provider ${name} added. Its API key is shown this once; give it to the provider over a safe channel:`);
    print(key);
  } else if (command === 'list' && name === undefined) {
    const listed = await providers.list();
    if (listed.length === 0) print('No providers yet.');
    for (const provider of listed) {
      print([provider.name, provider.scopes.join(','), `added ${provider.createdAt}`, provider.revokedAt ? `revoked ${provider.revokedAt}` : 'active'].join('\t'));
    }
  } else if (command === 'revoke' && name && rest.length === 0) {
    await providers.revoke(name);
    print(`Provider ${name} revoked: its key no longer works.`);
  } else {
    throw new ProviderError(adminUsage);
  }
}
