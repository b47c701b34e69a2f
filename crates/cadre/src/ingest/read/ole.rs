//! Reading one stream of an OLE compound file (the container of an xls
//! workbook), leniently as calamine reads it, for the guard that walks its
//! records before calamine opens it.
//!
//! Written here rather than through the `cfb` crate: see ARCHITECTURE.md
//! ("OLE containers"). In short, the guard must read every file calamine
//! would read, and `cfb` refuses some of them (a header's sector counts that
//! disagree with its chains): a file `cfb` refused would either be refused
//! here though calamine and Excel read it, or pass unguarded.
//!
//! Memory is bounded by the file: every chain is cut at the file's sector
//! count, and nothing is allocated from a size the header declares.

/// Sector ids from here up end a chain (or mark a sector free or special).
const END: u32 = 0xFFFF_FFFA;

/// The stream of an OLE compound file whose name is one of `names`
/// (lowercase), read through the file's allocation tables; `Ok(None)` when
/// there is none. Every chain is bounded by the file's sector count.
pub(super) fn stream(
    bytes: &[u8],
    names: &[&str],
) -> std::result::Result<Option<Vec<u8>>, &'static str> {
    let file = Container::new(bytes)?;
    let fat = file.fat()?;
    let big = |id: u32| file.sector(id).map(|s| s.to_vec());
    let dir = chain(u32at(bytes, 0x30).ok_or("header")?, &big, &fat)?;
    let entry = |i: usize| dir.get(i * 128..(i + 1) * 128);
    let Some(root) = entry(0) else {
        return Err("directory");
    };
    let found = (0..dir.len() / 128)
        .filter_map(entry)
        .find(|e| is_stream_named(e, names));
    let Some(found) = found else {
        return Ok(None);
    };
    let (start, len) = file.start_size(found);
    let cutoff = u32at(bytes, 0x38).unwrap_or(4096) as u64;
    let mut stream = if len < cutoff {
        // A small stream lives in the mini stream (the root's), in 64-byte
        // sectors chained by the mini allocation table.
        let (mini_start, _) = file.start_size(root);
        let mini = chain(mini_start, &big, &fat)?;
        let minifat_bytes = chain(u32at(bytes, 0x3C).unwrap_or(END), &big, &fat)?;
        let minifat: Vec<u32> = (0..minifat_bytes.len() / 4)
            .filter_map(|i| u32at(&minifat_bytes, 4 * i))
            .collect();
        let small = |id: u32| {
            let o = id as usize * 64;
            mini.get(o..o + 64).map(|s| s.to_vec())
        };
        chain(start, &small, &minifat)?
    } else {
        chain(start, &big, &fat)?
    };
    stream.truncate(len.min(usize::MAX as u64) as usize);
    Ok(Some(stream))
}

/// A compound file's bytes and the shape of its sectors.
struct Container<'b> {
    bytes: &'b [u8],
    /// The sector size's power of two (9 or 12).
    shift: u16,
    /// The sector size.
    size: usize,
    /// The sectors the file holds after its header.
    sectors: usize,
}

impl<'b> Container<'b> {
    fn new(bytes: &'b [u8]) -> std::result::Result<Self, &'static str> {
        let shift = u16at(bytes, 0x1E).ok_or("header")?;
        if shift != 9 && shift != 12 {
            return Err("sector size");
        }
        let size = 1usize << shift;
        Ok(Container {
            bytes,
            shift,
            size,
            sectors: (bytes.len() / size).saturating_sub(1),
        })
    }

    /// Sector `id`, if the file holds it.
    fn sector(&self, id: u32) -> Option<&'b [u8]> {
        let id = id as usize;
        if id >= self.sectors {
            return None;
        }
        self.bytes.get((id + 1) * self.size..(id + 2) * self.size)
    }

    /// The allocation table: its sectors are listed 109 in the header, then
    /// along the DIFAT chain. Never longer than the file has sectors (plus
    /// one sector's entries).
    fn fat(&self) -> std::result::Result<Vec<u32>, &'static str> {
        let (bytes, size) = (self.bytes, self.size);
        let mut difat: Vec<u32> = (0..109)
            .filter_map(|i| u32at(bytes, 0x4C + 4 * i))
            .collect();
        let mut next = u32at(bytes, 0x44).ok_or("header")?;
        let mut hops = 0;
        while next < END {
            hops += 1;
            let s = self.sector(next).ok_or("DIFAT chain")?;
            if hops > self.sectors {
                return Err("DIFAT loop");
            }
            let n = size / 4 - 1;
            difat.extend((0..n).filter_map(|i| u32at(s, 4 * i)));
            next = u32at(s, 4 * n).unwrap_or(END);
        }
        let mut fat: Vec<u32> = Vec::new();
        for id in difat.into_iter().filter(|id| *id < END) {
            if let Some(s) = self.sector(id) {
                fat.extend((0..size / 4).filter_map(|i| u32at(s, 4 * i)));
            }
            if fat.len() > self.sectors + size / 4 {
                break;
            }
        }
        Ok(fat)
    }

    /// A directory entry's first sector and its stream's length.
    fn start_size(&self, e: &[u8]) -> (u32, u64) {
        let start = u32at(e, 116).unwrap_or(END);
        let mut len = u32at(e, 120).unwrap_or(0) as u64;
        if self.shift == 12 {
            len |= (u32at(e, 124).unwrap_or(0) as u64) << 32;
        }
        (start, len)
    }
}

/// Whether a directory entry is a stream named one of `names` (lowercase).
fn is_stream_named(e: &[u8], names: &[&str]) -> bool {
    let n = (u16at(e, 64).unwrap_or(0) as usize)
        .min(64)
        .saturating_sub(2);
    let name: Vec<u16> = e[..n]
        .chunks_exact(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]))
        .collect();
    e[66] == 2
        && names
            .iter()
            .any(|want| String::from_utf16_lossy(&name).to_lowercase() == *want)
}

/// The bytes of the chain from `start`, sector by sector through `get`,
/// following `table`; stops at a sector the file does not hold, and refuses
/// a chain longer than the table (a loop).
fn chain(
    start: u32,
    get: &dyn Fn(u32) -> Option<Vec<u8>>,
    table: &[u32],
) -> std::result::Result<Vec<u8>, &'static str> {
    let mut out = Vec::new();
    let mut id = start;
    let mut hops = 0usize;
    while id < END {
        hops += 1;
        if hops > table.len() + 1 {
            return Err("chain loop");
        }
        match get(id) {
            Some(s) => out.extend_from_slice(&s),
            None => break,
        }
        id = table.get(id as usize).copied().unwrap_or(END);
    }
    Ok(out)
}

fn u16at(d: &[u8], o: usize) -> Option<u16> {
    d.get(o..o + 2).map(|b| u16::from_le_bytes([b[0], b[1]]))
}

fn u32at(d: &[u8], o: usize) -> Option<u32> {
    d.get(o..o + 4)
        .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}
