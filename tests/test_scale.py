"""Scale-out: extraction on Dask equals one process; analysis of Dask DataFrames equals pandas.

Runs without a cluster: the processes scheduler and a LocalCluster in this
process. Skipped when the dask extra is not installed.
"""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

import pandas as pd
import pytest

import govmetrics as gm

dd = pytest.importorskip("dask.dataframe")
gd = pytest.importorskip("govmetrics.dask")

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
SEED_DOCS = sorted(RAW.glob("00[0-4]_*.txt"))


@pytest.fixture(scope="module")
def one_process() -> pd.DataFrame:
    return gm.extract(SEED_DOCS)


def test_seed_documents_are_there():
    assert len(SEED_DOCS) == 5


def test_workers_equal_one_process(one_process):
    got = gm.extract(SEED_DOCS, workers=2)
    assert len(got) > 0
    pd.testing.assert_frame_equal(got, one_process)


def test_lazy_extract_equals_one_process(one_process):
    lazy = gd.extract(SEED_DOCS, workers=2)
    assert isinstance(lazy, dd.DataFrame)
    assert lazy.npartitions > 1
    got = lazy.compute(scheduler="processes", num_workers=2).reset_index(drop=True)
    pd.testing.assert_frame_equal(got, one_process)


def test_unplaced_in_parallel_loses_nothing():
    pd.testing.assert_frame_equal(gm.unplaced(SEED_DOCS, workers=2), gm.unplaced(SEED_DOCS))


def _bad_corpus(tmp_path: Path) -> Path:
    for p in SEED_DOCS[:3]:
        (tmp_path / p.name).write_bytes(p.read_bytes())
    (tmp_path / "001b_empty.txt").write_bytes(b"")
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4 not really")
    return tmp_path


def _warned(call) -> tuple[pd.DataFrame, list[tuple[str, str, bool]]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = call()
    return out, [(Path(w.message.path).name, w.message.reason, w.message.failed)
                 for w in caught if isinstance(w.message, gm.DocumentWarning)]


def test_workers_warnings_reach_the_caller_in_order(tmp_path):
    corpus = _bad_corpus(tmp_path)
    expected, expected_warnings = _warned(lambda: gm.extract(corpus))
    got, got_warnings = _warned(lambda: gm.extract(corpus, workers=2))
    assert any(failed for _, _, failed in expected_warnings)  # the empty file failed
    assert got_warnings == expected_warnings
    pd.testing.assert_frame_equal(got, expected)


def test_workers_raise_names_the_file(tmp_path):
    corpus = _bad_corpus(tmp_path)
    with pytest.raises(gm.DocumentError, match="001b_empty.txt"):
        gm.extract(sorted(corpus.glob("*.txt")), workers=2, on_error="raise")


def test_lazy_extract_refuses_warn():
    with pytest.raises(gm.ParameterError, match="on_error"):
        gd.extract(SEED_DOCS, on_error="warn")


@pytest.mark.parametrize("bad", [0, -1, 1.5, "2"])
def test_workers_must_be_a_positive_integer(bad):
    with pytest.raises(gm.ParameterError, match="workers"):
        gm.extract(SEED_DOCS[:1], workers=bad)


def test_distributed_client_and_address(one_process):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster:
        with distributed.Client(cluster) as client:
            pd.testing.assert_frame_equal(gm.extract(SEED_DOCS, scheduler=client), one_process)
        got = gm.extract(SEED_DOCS, scheduler=cluster.scheduler_address)
    pd.testing.assert_frame_equal(got, one_process)


def test_unreachable_scheduler_is_one_line():
    pytest.importorskip("distributed")
    with pytest.raises(gm.ParameterError, match="cannot reach tcp://127.0.0.1:9"):
        gm.extract(SEED_DOCS[:1], scheduler="tcp://127.0.0.1:9")


def test_missing_dask_is_one_line(monkeypatch):
    monkeypatch.setitem(sys.modules, "dask", None)
    with pytest.raises(gm.ParameterError, match=r'pip install "govmetrics\[dask\]"'):
        gm.extract(SEED_DOCS[:1], workers=2)


def test_chunks_keep_order_and_balance(tmp_path):
    files = []
    for i, size in enumerate([10, 10, 10, 10, 40, 10, 10]):
        f = tmp_path / f"{i}.txt"
        f.write_bytes(b"x" * size)
        files.append(f)
    parts = gd.chunks(files, 3)
    assert [f for p in parts for f in p] == files
    assert len(parts) == 3
    assert gd.chunks(files, 100) == [[f] for f in files]


def test_cli_extract_parquet_with_workers(tmp_path, one_process):
    from govmetrics.cli import main

    out = tmp_path / "facts.parquet"
    assert main(["extract", *map(str, SEED_DOCS), "-o", str(out), "--workers", "2"]) == 0
    assert len(list(out.glob("part-*.parquet"))) > 1
    got = pd.read_parquet(out)
    assert got["quote"].tolist() == one_process["quote"].tolist()
    assert got["value"].tolist() == pytest.approx(one_process["value"].tolist(), nan_ok=True)


# --------------------------------------------------------------------------- analysis


def _panel() -> pd.DataFrame:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from analysis import build_panel
    finally:
        sys.path.pop(0)
    return build_panel(40, 3)


def _plain(df: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Categoricals as objects, rows sorted by ``keys``: tables comparable across partitions."""
    df = df.copy()
    for c in df.columns:
        if isinstance(df[c].dtype, pd.CategoricalDtype):
            df[c] = df[c].astype(object)
    return df.sort_values(keys).reset_index(drop=True)


PAIR_KEYS = ["region", "year", "indicator", "measure", "period_end", "target_quote",
             "actual_quote"]


@pytest.mark.parametrize("name", ["attainment", "pace"])
@pytest.mark.parametrize("by_index", [False, True])
def test_analysis_on_dask_equals_pandas(name, by_index):
    facts = _panel()
    ddf = dd.from_pandas(facts, npartitions=4)
    if by_index:  # partitioned by region: used as it is
        ddf = dd.from_pandas(facts.set_index("region").sort_index(), npartitions=4)
    got = getattr(gd, name)(ddf)
    assert isinstance(got, dd.DataFrame)
    expected = getattr(gm, name)(facts)
    pd.testing.assert_frame_equal(_plain(got.compute(), PAIR_KEYS), _plain(expected, PAIR_KEYS),
                                  check_dtype=False)


def test_analysis_on_dask_seed_facts():
    facts = gm.extract(SEED_DOCS)
    got = gd.attainment(dd.from_pandas(facts, npartitions=3)).compute()
    expected = gm.attainment(facts)
    keys = [*PAIR_KEYS[:5], "target_quote"]
    assert len(expected) > 0
    pd.testing.assert_frame_equal(_plain(got, keys), _plain(expected, keys), check_dtype=False)


@pytest.mark.parametrize("within", [None, "parent"])
def test_rank_on_dask_equals_pandas(within):
    att = gm.attainment(_panel())
    got = gd.rank(dd.from_pandas(att, npartitions=3), "gap", within=within)
    assert isinstance(got, dd.DataFrame)
    expected = gm.rank(att, "gap", within=within)
    assert expected["rank"].notna().any()
    pd.testing.assert_frame_equal(_plain(got.compute(), PAIR_KEYS), _plain(expected, PAIR_KEYS),
                                  check_dtype=False)


def test_analysis_on_dask_wants_a_dask_frame():
    with pytest.raises(gm.ParameterError, match="dask.dataframe.DataFrame"):
        gd.attainment(_panel())
