/**
 * The operator's commands (`npm run admin -- <command>`), apart from the process around them so that
 * tests can run them over a test server's storage. Output goes line by line to `print`; a refusal is a
 * thrown ProviderError whose message is meant for the operator.
 */
import { feedScopes } from '../core/contract.ts';
import { ProviderError, type ProviderService } from './services/providers.ts';
import { createSigner, retiredKeyPublishedMs, rotateSigningKey } from './services/signer.ts';
import { createVenueService } from './services/venues.ts';
import type { Storage } from './storage/storage.ts';

export const adminUsage = `usage:
  npm run admin -- provider add <name> --scopes <comma list>   prints the new API key on the last line
  npm run admin -- provider list
  npm run admin -- provider revoke <name>
  npm run admin -- keys rotate                                 a new signing key; the old one stays published while what it signed is valid
  npm run admin -- backup <new file>                           a consistent copy of the SQLite database, while servers run
  npm run admin -- restore <file>                              puts a backup in place; stop every server first
scopes: ${feedScopes.join(', ')}`;

/** Retires the signing key, makes a new one and signs every venue's code again with it. */
async function rotateKeys(storage: Storage, signingKeySecret: string | undefined, print: (line: string) => void): Promise<void> {
  // A secret that does not open the current key is the operator's to fix, said in one line.
  const kid = await rotateSigningKey(storage.signingKeys, signingKeySecret).catch((error: unknown) => {
    throw new ProviderError(error instanceof Error ? error.message : String(error));
  });
  const signer = await createSigner(storage.signingKeys, signingKeySecret);
  const venues = await createVenueService({ venues: storage.venues, checkIns: storage.checkIns, signer }).signAllAgain();
  const days = retiredKeyPublishedMs / (24 * 60 * 60 * 1000);
  print(`New signing key ${kid}: every server signs with it within a minute.`);
  print(`The old key stays in /api/keys for ${days} days, until everything it signed has expired, then goes.`);
  print(`${venues} venue codes were signed again: their owners should print their posters again within ${days} days.`);
}

export async function runAdmin(
  args: readonly string[],
  deps: { providers: ProviderService; storage?: Storage; signingKeySecret?: string },
  print: (line: string) => void,
): Promise<void> {
  const [group, command, name, ...rest] = args;
  const { providers } = deps;
  if (group === 'keys' && command === 'rotate' && name === undefined && deps.storage) {
    await rotateKeys(deps.storage, deps.signingKeySecret, print);
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
