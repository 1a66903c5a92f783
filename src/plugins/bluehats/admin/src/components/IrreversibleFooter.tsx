import { Button, Dialog } from '@strapi/design-system';

/** A confirmation dialog's footer: « Annuler », then the act that cannot be undone. */
export function IrreversibleFooter({ label, onConfirm, disabled, busy }: { label: string; onConfirm: () => void; disabled?: boolean; busy: boolean }) {
  return (
    <Dialog.Footer>
      <Dialog.Cancel>
        <Button fullWidth variant="tertiary">
          Annuler
        </Button>
      </Dialog.Cancel>
      <Button fullWidth variant="danger-light" onClick={onConfirm} disabled={disabled || busy} loading={busy}>
        {label}
      </Button>
    </Dialog.Footer>
  );
}
