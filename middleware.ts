import type { NextRequest } from 'next/server';
import { ConfigError, readAccessControlConfig, type AccessControl } from '@/lib/server/core/config';
import { secureRequest } from '@/lib/server/security/secure-request';

/** Read once per process, like the rest of the configuration. */
let accessControl: AccessControl | Error | undefined;

function accessControlOnce(): AccessControl | Error {
  if (accessControl === undefined) {
    try {
      accessControl = readAccessControlConfig();
    } catch (error) {
      accessControl = error instanceof ConfigError ? error : new ConfigError('invalid access-control configuration');
      console.error(`hopscope: ${accessControl.message}; refusing every request until it is fixed`);
    }
  }
  return accessControl;
}

/** Security headers on every response and the optional access control (lib/server/security). */
export function middleware(request: NextRequest): Response {
  return secureRequest(request, { accessControl: accessControlOnce(), development: process.env.NODE_ENV === 'development' });
}

export const config = {
  // Node.js, not the edge runtime: constant-time comparison and the nonce use node:crypto.
  runtime: 'nodejs',
};
