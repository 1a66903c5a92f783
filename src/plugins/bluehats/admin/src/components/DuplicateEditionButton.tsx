import * as React from 'react';
import { Button, Flex, Link, Typography } from '@strapi/design-system';
import { isFetchError, useFetchClient } from '@strapi/strapi/admin';
import { Link as RouterLink, useNavigate } from 'react-router-dom';

const EDIT_VIEW = '/content-manager/collection-types/api::edition.edition';

/** What the desk answers to a refused duplication, in Strapi's error shape. */
interface Refusal {
  message: string;
  details?: { code?: string; documentId?: string; title?: string };
}

/**
 * « Dupliquer pour l'an prochain »: creates next year's draft and opens it in the content manager; when
 * that year's edition already exists, says so and links to it instead.
 */
export const DuplicateEditionButton = ({ editionDocumentId }: { editionDocumentId?: string }) => {
  const { post } = useFetchClient();
  const navigate = useNavigate();
  const [busy, setBusy] = React.useState(false);
  const [refusal, setRefusal] = React.useState<Refusal | null>(null);

  const duplicate = async () => {
    setBusy(true);
    setRefusal(null);
    try {
      const res = await post<{ data: { documentId: string } }>(`/bluehats/editions/${editionDocumentId}/duplicate`, {});
      navigate(`${EDIT_VIEW}/${res.data.data.documentId}?plugins[i18n][locale]=fr`);
    } catch (error) {
      const answer = isFetchError(error) ? (error.response?.data as { error?: Refusal } | undefined)?.error : undefined;
      setRefusal(answer ?? { message: 'La duplication a échoué.' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Flex direction="column" alignItems="flex-end" gap={1}>
      <Button variant="secondary" onClick={() => void duplicate()} disabled={!editionDocumentId || busy} loading={busy}>
        Dupliquer pour l'an prochain
      </Button>
      {refusal && (
        <Typography variant="pi" textColor="danger600" role="alert">
          {refusal.message}{' '}
          {refusal.details?.code === 'EDITION_ALREADY_EXISTS' && refusal.details.documentId && (
            <Link tag={RouterLink} to={`${EDIT_VIEW}/${refusal.details.documentId}?plugins[i18n][locale]=fr`}>
              Ouvrir « {refusal.details.title} »
            </Link>
          )}
        </Typography>
      )}
    </Flex>
  );
};
