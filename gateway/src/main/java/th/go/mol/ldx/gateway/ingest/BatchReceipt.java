package th.go.mol.ldx.gateway.ingest;

import java.util.List;

/** What a batch did: how many changes had each outcome, and a receipt per change in the batch's order. */
public record BatchReceipt(int changes, int created, int updated, int unchanged, int deleted, int absent,
        List<ChangeReceipt> receipts) {

    static BatchReceipt of(List<ChangeReceipt> receipts) {
        int[] counts = new int[ChangeReceipt.Outcome.values().length];
        receipts.forEach(r -> counts[r.outcome().ordinal()]++);
        return new BatchReceipt(receipts.size(), counts[ChangeReceipt.Outcome.CREATED.ordinal()],
                counts[ChangeReceipt.Outcome.UPDATED.ordinal()], counts[ChangeReceipt.Outcome.UNCHANGED.ordinal()],
                counts[ChangeReceipt.Outcome.DELETED.ordinal()], counts[ChangeReceipt.Outcome.ABSENT.ordinal()],
                List.copyOf(receipts));
    }
}
