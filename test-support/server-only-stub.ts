// Vitest runs outside Next.js, where the real 'server-only' guard would throw; it is aliased here.
export {};
