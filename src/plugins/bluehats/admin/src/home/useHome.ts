import * as React from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
// Type only: the answer's shape is shared with the server, no server code enters the bundle.
import type { Home } from '../../../../../domain/dashboard';

/** The widgets of one home page share one request: the first to ask starts it, the others wait for it. */
let pending: { at: number; promise: Promise<Home> } | null = null;
const SHARED_MS = 5_000;

export function useHome(): { data: Home | null; failed: boolean } {
  const { get } = useFetchClient();
  const [data, setData] = React.useState<Home | null>(null);
  const [failed, setFailed] = React.useState(false);
  React.useEffect(() => {
    if (!pending || pending.at < performance.now() - SHARED_MS) {
      pending = { at: performance.now(), promise: get<{ data: Home }>('/bluehats/home').then((res) => res.data.data) };
    }
    let live = true;
    pending.promise.then(
      (home) => live && setData(home),
      () => {
        pending = null;
        if (live) setFailed(true);
      }
    );
    return () => {
      live = false;
    };
  }, []);
  return { data, failed };
}

/** The proposals list, filtered on an edition's undecided proposals (the same filters the list view sets). */
export const undecidedProposalsPath = (editionDocumentId: string) =>
  `/content-manager/collection-types/api::proposal.proposal?${new URLSearchParams({
    'filters[$and][0][edition][documentId][$eq]': editionDocumentId,
    'filters[$and][1][state][$eq]': 'submitted',
    page: '1',
  }).toString()}`;
