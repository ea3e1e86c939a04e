//! The floor of the import benchmarks: the `csv` crate reading every
//! record of a file as bytes, and nothing more. Shared by the benchmark
//! and the profiling example, so that both set the import against the
//! same work.

use std::path::Path;

/// Reads every record of the semicolon-separated file at `path` after its
/// header; the number of fields read.
pub fn raw_read(path: &Path) -> usize {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(true)
        .from_path(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut record = csv::ByteRecord::new();
    let mut fields = 0;
    while reader
        .read_byte_record(&mut record)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    {
        fields += record.len();
    }
    fields
}

/// The second floor (issue 31): the same file read by `simd-csv`'s
/// zero-copy reader (medialab's, the reader behind `xan`), every record's
/// fields counted and nothing more. The targets stay against
/// [`raw_read`]; this one is the next goal. It keeps fewer of the
/// import's rules than the `csv` crate: a lone CR is not a line end to it.
pub fn simd_read(path: &Path) -> usize {
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut reader = simd_csv::ZeroCopyReaderBuilder::new()
        .delimiter(b';')
        .has_headers(true)
        .flexible(true)
        .from_reader(file);
    let mut fields = 0;
    while let Some(record) = reader
        .read_byte_record()
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    {
        fields += record.len();
    }
    fields
}
