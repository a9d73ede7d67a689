package th.go.mol.ldx.gateway.records;

/**
 * The digest of what a reader sees of a dataset: how many records, up to which change of the dataset, and the
 * order-independent hash of their keys and versions ({@code algorithm}, see {@link th.go.mol.ldx.connector.ViewDigest}).
 */
public record DatasetDigest(String datasetId, long records, long lastSequence, String hash, String algorithm) {
}
