/**
 * The editors' dashboard blocks of the waitlist and of near-duplicates, shown to roles that decide
 * (the server refuses both routes to the others): « Places libérées » with its « Promouvoir »
 * button, and « Doublons possibles ».
 */
import * as React from 'react';
import { Box, Button, Flex, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { Link } from 'react-router-dom';
import { failureMessage } from '../failure';
import { frenchCount } from '../../../../../domain/phrases';
import { ABSTRACT_PAIRS_MAX } from '../../../../../domain/near-duplicates';
// Types only: the shapes are shared with the server.
import type { FreedSlots, NearDuplicates, Promotion } from '../../../../../domain/dashboard';

const PROPOSAL_EDIT_VIEW = '/content-manager/collection-types/api::proposal.proposal';
const mean = (value: number | null) => (value === null ? 'non évaluée' : `moyenne ${String(value).replace('.', ',')}`);
const percent = (value: number | null) => (value === null ? null : `${Math.round(value * 100)} %`);

/** « Places libérées »: each freed slot, why, and the best-ranked waitlisted proposal that fits it. */
export function FreedSlotsCard({ editionDocumentId, onChanged }: { editionDocumentId: string; onChanged: (text: string, failed?: boolean) => void }) {
  const { get, post } = useFetchClient();
  const [data, setData] = React.useState<FreedSlots | null>(null);
  const [busy, setBusy] = React.useState<string | null>(null);
  const load = React.useCallback(() => {
    get<{ data: FreedSlots }>(`/bluehats/editions/${editionDocumentId}/freed-slots`)
      .then((res) => setData(res.data.data))
      .catch((error: unknown) => onChanged(failureMessage(error, "Les places libérées n'ont pas pu être chargées."), true));
  }, [editionDocumentId]);
  React.useEffect(load, [load]);

  const promote = async (proposal: string, slot: string) => {
    setBusy(proposal);
    try {
      const res = await post<{ data: Promotion }>(`/bluehats/proposals/${proposal}/promote`, { slot });
      const done = res.data.data;
      onChanged(
        `« ${done.promoted.title} » (${done.promoted.reference}) est acceptée à la place de ${done.inPlaceOf.reference} : son courriel part maintenant${
          done.promoted.confirmationDeadlineText ? `, à confirmer avant le ${done.promoted.confirmationDeadlineText}` : ''
        }.`
      );
    } catch (error) {
      onChanged(failureMessage(error, "La promotion n'a pas pu être faite."), true);
    } finally {
      setBusy(null);
      load();
    }
  };

  if (!data) return <Typography>Chargement…</Typography>;
  if (data.slots.length === 0) return <Typography>Aucune place libérée.</Typography>;
  return (
    <Flex direction="column" alignItems="stretch" gap={3}>
      {!data.promotionOpen && <Typography textColor="neutral600">Avant la date de réponse, acceptez simplement : les décisions partiront ensemble.</Typography>}
      {data.slots.map((slot) => (
        <Box key={slot.freed.documentId} padding={3} hasRadius borderColor="neutral200">
          <Typography tag="p" fontWeight="bold">
            {frenchCount(slot.remainingMinutes, 'minute libre', 'minutes libres')} — {slot.dayLabel}
          </Typography>
          <Typography tag="p">
            <Link to={`${PROPOSAL_EDIT_VIEW}/${slot.freed.documentId}`}>
              {slot.freed.reference} — {slot.freed.title}
            </Link>{' '}
            : {slot.reasonLabel}
            {slot.filledMinutes > 0 ? ` (${frenchCount(slot.filledMinutes, 'minute déjà reprise', 'minutes déjà reprises')})` : ''}.
          </Typography>
          {slot.suggestion ? (
            <Flex gap={2} alignItems="center" paddingTop={2}>
              <Typography>
                Suggestion :{' '}
                <Link to={`${PROPOSAL_EDIT_VIEW}/${slot.suggestion.documentId}`}>
                  {slot.suggestion.reference} — {slot.suggestion.title}
                </Link>{' '}
                ({frenchCount(slot.suggestion.requestedDuration ?? 0, 'minute')}, {slot.suggestion.dayLabel.toLowerCase()}, {mean(slot.suggestion.weightedMean)}
                )
              </Typography>
              {data.promotionOpen && (
                <Button size="S" loading={busy === slot.suggestion.documentId} onClick={() => void promote(slot.suggestion!.documentId, slot.freed.documentId)}>
                  Promouvoir
                </Button>
              )}
            </Flex>
          ) : (
            <Typography tag="p" textColor="neutral600">
              Aucune proposition de la liste d'attente ne tient dans ces minutes.
            </Typography>
          )}
        </Box>
      ))}
    </Flex>
  );
}

/** « Doublons possibles »: flagged, never refused; the editors decide. */
export function NearDuplicatesCard({ editionDocumentId, onFailed }: { editionDocumentId: string; onFailed: (text: string) => void }) {
  const { get } = useFetchClient();
  const [data, setData] = React.useState<NearDuplicates | null>(null);
  React.useEffect(() => {
    get<{ data: NearDuplicates }>(`/bluehats/editions/${editionDocumentId}/near-duplicates`)
      .then((res) => setData(res.data.data))
      .catch((error: unknown) => onFailed(failureMessage(error, "Les doublons possibles n'ont pas pu être cherchés.")));
  }, [editionDocumentId]);
  if (!data) return <Typography>Recherche…</Typography>;
  const leftOut = data.samePersonLeftOut ? (
    <Typography textColor="neutral600">
      Relecture anonyme : seuls les résumés très proches sont signalés, jamais les propositions d'une même personne.
    </Typography>
  ) : null;
  if (data.pairs.length === 0)
    return (
      <Flex direction="column" alignItems="stretch" gap={2}>
        <Typography>Aucun doublon possible.</Typography>
        {leftOut}
      </Flex>
    );
  return (
    <Flex direction="column" alignItems="stretch" gap={2}>
      {data.pairs.map((pair) => (
        <Typography key={`${pair.proposals[0].documentId}-${pair.proposals[1].documentId}`} tag="p">
          {pair.proposals.map((p, i) => (
            <React.Fragment key={p.documentId}>
              {i > 0 && ' et '}
              <Link to={`${PROPOSAL_EDIT_VIEW}/${p.documentId}`}>
                {p.reference} — {p.title}
              </Link>{' '}
              ({[p.speakerName, p.stateLabel.toLowerCase()].filter(Boolean).join(', ')})
            </React.Fragment>
          ))}
          {' : '}
          {pair.reasons
            .map((r) => {
              const value = percent(r.code === 'similar_abstracts' ? pair.abstractSimilarity : pair.titleSimilarity);
              return value ? `${r.label} (${value})` : r.label;
            })
            .join(', ')}
        </Typography>
      ))}
      {data.abstractPairsCapped && (
        <Typography textColor="neutral600">
          Résumés très proches : seules les {ABSTRACT_PAIRS_MAX} premières paires sont montrées, il peut y en avoir d'autres.
        </Typography>
      )}
      <Typography textColor="neutral600">Signalés, jamais refusés : à vous de décider.</Typography>
      {leftOut}
    </Flex>
  );
}
