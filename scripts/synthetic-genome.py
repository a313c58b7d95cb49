#!/usr/bin/env python3
"""Writes a synthetic single-sample whole-genome VCF, bgzipped, for tests and benchmarks.

It looks like the output of a short-variant caller on a GRCh38 genome: about 4.5 million records
(SNVs, short indels, some multi-allelic sites), spread over the chromosomes by their length,
a male sample (haploid X outside the pseudo-autosomal regions, Y and MT), GATK-style INFO and
FORMAT columns, and a few records on unplaced contigs. It is random (from a fixed seed, so every
run writes the same file) and describes no real person.

Usage: scripts/synthetic-genome.py OUTPUT.vcf.gz [--records N] [--seed S]
The output is written to OUTPUT.vcf.gz.partial and renamed when complete.
"""
import argparse
import os
import random
import struct
import zlib

GRCH38 = [
    ("chr1", 248956422), ("chr2", 242193529), ("chr3", 198295559), ("chr4", 190214555),
    ("chr5", 181538259), ("chr6", 170805979), ("chr7", 159345973), ("chr8", 145138636),
    ("chr9", 138394717), ("chr10", 133797422), ("chr11", 135086622), ("chr12", 133275309),
    ("chr13", 114364328), ("chr14", 107043718), ("chr15", 101991189), ("chr16", 90338345),
    ("chr17", 83257441), ("chr18", 80373285), ("chr19", 58617616), ("chr20", 64444167),
    ("chr21", 46709983), ("chr22", 50818468), ("chrX", 156040895), ("chrY", 57227415),
    ("chrM", 16569),
]
UNPLACED = [("chrUn_KI270742v1", 186739), ("chr1_KI270706v1_random", 175055)]
PAR_X = [(10001, 2781479), (155701383, 156030895)]
BASES = "ACGT"

HEADER = """##fileformat=VCFv4.2
##FILTER=<ID=PASS,Description="All filters passed">
##FILTER=<ID=LowQual,Description="Low quality">
##INFO=<ID=AC,Number=A,Type=Integer,Description="Allele count in genotypes">
##INFO=<ID=AF,Number=A,Type=Float,Description="Allele frequency">
##INFO=<ID=AN,Number=1,Type=Integer,Description="Total number of alleles in called genotypes">
##INFO=<ID=DP,Number=1,Type=Integer,Description="Approximate read depth">
##INFO=<ID=MQ,Number=1,Type=Float,Description="RMS mapping quality">
##INFO=<ID=QD,Number=1,Type=Float,Description="Variant confidence by depth">
##INFO=<ID=FS,Number=1,Type=Float,Description="Fisher strand bias">
##INFO=<ID=SOR,Number=1,Type=Float,Description="Symmetric odds ratio strand bias">
##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">
##FORMAT=<ID=AD,Number=R,Type=Integer,Description="Allelic depths">
##FORMAT=<ID=DP,Number=1,Type=Integer,Description="Read depth">
##FORMAT=<ID=GQ,Number=1,Type=Integer,Description="Genotype quality">
##FORMAT=<ID=PL,Number=G,Type=Integer,Description="Phred-scaled genotype likelihoods">
##source=synthetic-genome.py (Genochain test data; no real person)
##reference=file:///references/GRCh38_full_analysis_set_plus_decoy_hla.fa
"""


class BgzfWriter:
    """BGZF: gzip members of at most 64 KiB input each, with the BC extra field, then an EOF block."""

    BLOCK = 0xFF00
    EOF = bytes.fromhex("1f8b08040000000000ff0600424302001b0003000000000000000000")

    def __init__(self, path):
        self.file = open(path, "wb")
        self.pending = bytearray()

    def write(self, text):
        self.pending += text.encode()
        while len(self.pending) >= self.BLOCK:
            self._block(bytes(self.pending[: self.BLOCK]))
            del self.pending[: self.BLOCK]

    def _block(self, data):
        deflate = zlib.compressobj(6, zlib.DEFLATED, -15)
        compressed = deflate.compress(data) + deflate.flush()
        size = len(compressed) + 25
        header = b"\x1f\x8b\x08\x04\x00\x00\x00\x00\x00\xff\x06\x00BC\x02\x00" + struct.pack("<H", size)
        trailer = struct.pack("<II", zlib.crc32(data) & 0xFFFFFFFF, len(data))
        self.file.write(header + compressed + trailer)

    def close(self):
        if self.pending:
            self._block(bytes(self.pending))
        self.file.write(self.EOF)
        self.file.close()


def genotype_columns(rng, alleles, haploid):
    """GT:AD:DP:GQ:PL for a sample carrying the ALT alleles of the record."""
    depth = rng.randint(18, 48)
    if haploid:
        gt = "1"
        ad = [rng.randint(0, 1), depth]
    elif alleles == 2:
        gt = "1/2"
        first = depth // 2
        ad = [rng.randint(0, 2), first, depth - first]
    elif rng.random() < 0.62:
        gt = "0/1" if rng.random() < 0.8 else "0|1"
        alt = depth // 2 + rng.randint(-4, 4)
        ad = [depth - alt, alt]
    else:
        gt = "1/1"
        ad = [rng.randint(0, 1), depth]
    count = len(ad)
    pl = ",".join(str(rng.randint(0, 900)) if i else "0" for i in range(count * (count + 1) // 2))
    return f"{gt}:{','.join(map(str, ad))}:{sum(ad)}:{rng.randint(20, 99)}:{pl}", gt


def write_genome(path, records, seed):
    rng = random.Random(seed)
    out = BgzfWriter(path)
    contigs = "".join(f"##contig=<ID={name},length={length},assembly=GRCh38>\n" for name, length in GRCH38 + UNPLACED)
    out.write(HEADER + contigs + "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tSYNTH01\n")
    genome_length = sum(length for _, length in GRCH38)
    for name, length in GRCH38 + UNPLACED:
        if name == "chrM":
            count = 40
        elif name in dict(UNPLACED):
            count = 25
        else:
            count = max(1, records * length // genome_length)
        gap = max(2, length // count)
        position = rng.randint(1, gap)
        lines = []
        while position < length - 20 and count > 0:
            count -= 1
            reference = rng.choice(BASES)
            kind = rng.random()
            if kind < 0.85:
                alternates = [rng.choice(BASES.replace(reference, ""))]
            elif kind < 0.92:
                alternates = [reference + "".join(rng.choice(BASES) for _ in range(rng.randint(1, 8)))]
            elif kind < 0.985:
                reference += "".join(rng.choice(BASES) for _ in range(rng.randint(1, 8)))
                alternates = [reference[0]]
            else:
                alternates = [b for b in BASES if b != reference][:2]
            haploid = name in ("chrY", "chrM") or (
                name == "chrX" and not any(start <= position <= end for start, end in PAR_X)
            )
            if haploid and len(alternates) > 1:
                alternates = alternates[:1]
            sample, gt = genotype_columns(rng, len(alternates), haploid)
            an = 1 if haploid else 2
            ac = ",".join("1" if ("1/2" == gt or gt in ("0/1", "0|1")) else str(an) for _ in alternates)
            af = ",".join(f"{int(c) / an:.3f}" for c in ac.split(","))
            quality = f"{rng.uniform(30, 3000):.2f}"
            info = f"AC={ac};AF={af};AN={an};DP={rng.randint(15, 60)};MQ=60.00;QD={rng.uniform(2, 35):.2f};FS={rng.uniform(0, 8):.3f};SOR={rng.uniform(0.3, 3):.3f}"
            lines.append(f"{name}\t{position}\t.\t{reference}\t{','.join(alternates)}\t{quality}\tPASS\t{info}\tGT:AD:DP:GQ:PL\t{sample}\n")
            position += rng.randint(max(1, len(reference)), 2 * gap)
            if len(lines) >= 4096:
                out.write("".join(lines))
                lines.clear()
        out.write("".join(lines))
    out.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output")
    parser.add_argument("--records", type=int, default=4_500_000)
    parser.add_argument("--seed", type=int, default=2609)
    args = parser.parse_args()
    partial = args.output + ".partial"
    write_genome(partial, args.records, args.seed)
    os.replace(partial, args.output)


if __name__ == "__main__":
    main()
