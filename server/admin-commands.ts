/**
 * The operator's commands (`npm run admin -- <command>`), apart from the process around them so that
 * tests can run them over a test server's storage. Output goes line by line to `print`; a refusal is a
 * thrown ProviderError whose message is meant for the operator.
 */
import { feedScopes } from '../core/contract.ts';
import { ProviderError, type ProviderService } from './services/providers.ts';

export const adminUsage = `usage:
  npm run admin -- provider add <name> --scopes <comma list>   prints the new API key on the last line
  npm run admin -- provider list
  npm run admin -- provider revoke <name>
scopes: ${feedScopes.join(', ')}`;

export async function runAdmin(args: readonly string[], providers: ProviderService, print: (line: string) => void): Promise<void> {
  const [group, command, name, ...rest] = args;
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
