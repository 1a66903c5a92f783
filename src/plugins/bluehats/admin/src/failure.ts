import { isFetchError } from '@strapi/strapi/admin';

/** The server's French message when it sent one (its error contract), else the fallback. */
export const failureMessage = (error: unknown, fallback: string): string => (isFetchError(error) ? error.response?.data.error?.message : undefined) ?? fallback;
