/** How names and phone numbers leave the server: the one implementation is core/identity/masking.ts. */
export { maskName, maskPhone } from '../../core/identity/masking.ts';
