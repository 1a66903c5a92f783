import * as React from 'react';
import { Badge, Box, Flex, SingleSelect, SingleSelectOption } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { useSearchParams } from 'react-router-dom';
import { failureMessage } from '../failure';
// Type only: the answer's shape is shared with the server.
import type { EditionSummary } from '../../../../../domain/dashboard';

/**
 * The desk pages' chosen edition. It lives in the address (?edition=<documentId>): a reload, a shared
 * link or a new edition created meanwhile never switches it; without one, the server's current edition.
 */
export function useEditionChoice(onFailure: (text: string) => void) {
  const { get } = useFetchClient();
  const [editions, setEditions] = React.useState<EditionSummary[]>([]);
  const [searchParams, setSearchParams] = useSearchParams();
  const selected = searchParams.get('edition') ?? undefined;
  const choose = React.useCallback(
    (documentId: string, replace = false) =>
      setSearchParams(
        (params) => {
          params.set('edition', documentId);
          return params;
        },
        { replace }
      ),
    [setSearchParams]
  );
  React.useEffect(() => {
    get<{ data: EditionSummary[] }>('/bluehats/editions')
      .then((res) => {
        setEditions(res.data.data);
        const current = res.data.data.find((e) => e.current) ?? res.data.data[0];
        if (!selected && current) choose(current.documentId, true);
      })
      .catch((error: unknown) => onFailure(failureMessage(error, "Les éditions n'ont pas pu être chargées.")));
  }, []);
  return { editions, selected, choose };
}

/** « Édition »: the select of the desk pages, with a badge on the current edition. */
export function EditionPicker({ editions, selected, choose }: ReturnType<typeof useEditionChoice>) {
  return (
    <Flex gap={3} alignItems="center">
      <Box style={{ width: 420 }}>
        <SingleSelect aria-label="Édition" value={selected} onChange={(value: string | number) => choose(String(value))}>
          {editions.map((e) => (
            <SingleSelectOption key={e.documentId} value={e.documentId}>
              {e.title}
            </SingleSelectOption>
          ))}
        </SingleSelect>
      </Box>
      {editions.find((e) => e.documentId === selected)?.current && <Badge>Édition en cours</Badge>}
    </Flex>
  );
}
