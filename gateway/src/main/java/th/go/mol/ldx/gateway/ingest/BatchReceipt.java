package th.go.mol.ldx.gateway.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
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

    /** The receipt as the UTF-8 JSON it is answered in. */
    byte[] json(ObjectMapper mapper) {
        try {
            return mapper.writeValueAsBytes(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a receipt always serialises", e);
        }
    }
}
