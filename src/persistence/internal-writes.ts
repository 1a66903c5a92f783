/**
 * Writes the app makes to correct another write (the program embargo taking back an early publish)
 * are not content changes the outside world should hear of: inside `internally(...)`, the rebuild
 * events stay silent. The scheduled publication, when it comes, is an ordinary publish.
 */
import { AsyncLocalStorage } from 'async_hooks';

const scope = new AsyncLocalStorage<true>();

export const internally = <T>(work: () => Promise<T>): Promise<T> => scope.run(true, work);

export const isInternalWrite = (): boolean => scope.getStore() === true;
