export function contentSecurityPolicy(options: { scriptSrc: string; frameAncestors: string }): string;
