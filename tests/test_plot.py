"""Plots: the data on the Axes, labels, the CJK font and its English fallback."""

from __future__ import annotations

import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from _seed_facts import seeds as seed_facts  # noqa: E402

import govmetrics  # noqa: E402
from govmetrics import plot  # noqa: E402
from govmetrics.schema import coerce_facts  # noqa: E402


@pytest.fixture(scope="module")
def seeds() -> pd.DataFrame:
    return coerce_facts(seed_facts())


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture
def no_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield


def _lines(ax) -> dict[str, np.ndarray]:
    return {line.get_label(): np.asarray(line.get_xydata()) for line in ax.get_lines()}


def _legend(ax) -> list[str]:
    return [t.get_text() for t in ax.get_legend().get_texts()]


def _has_cjk_font() -> bool:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return plot.cjk_font() is not None


needs_cjk = pytest.mark.skipif(not _has_cjk_font(), reason="no CJK font installed")


# --------------------------------------------------------------------------- attainment curve


def test_curve_growth_target(seeds):
    ax = plot.attainment_curve(seeds, "咸宁市", 2022, "gdp", cjk=False)
    lines = _lines(ax)
    assert lines["actual"].tolist() == [[9.0, 4.4]]
    assert lines["target"][:, 1].tolist() == [8.0, 8.0]
    assert lines["target"][:, 0].tolist() == [0.0, 12.0]
    assert "Target (≈8)" in _legend(ax)
    assert ax.get_ylabel() == "Year-to-date growth (%)"
    assert [t.get_text() for t in ax.get_xticklabels()] == ["0", "Q1", "H1", "Q3", "Year"]


def test_curve_level_target_shows_completion_and_elapsed_diagonal(seeds):
    ax = plot.attainment_curve(seeds, "赤壁市", 2021, "general_budget_revenue", cjk=False)
    lines = _lines(ax)
    assert lines["elapsed"].tolist() == [[0.0, 0.0], [12.0, 100.0]]
    x, y = lines["actual"][0]
    assert x == 6.0 and y == pytest.approx(114814 / 185000 * 100, abs=0.01)
    assert ax.get_ylabel() == "Completion of annual target (%)"


def test_curve_projection_to_year_end(seeds):
    ax = plot.attainment_curve(seeds, "赤壁市", 2021, "general_budget_revenue", cjk=False)
    proj = govmetrics.project(seeds[(seeds["region"] == "赤壁市")
                                    & (seeds["indicator"] == "general_budget_revenue")])
    expected = proj.loc[proj["measure"] == "level", "projection"].iloc[0] / 1.85e9 * 100
    line = _lines(ax)["projection"]
    assert line[-1, 0] == 12.0
    assert line[-1, 1] == pytest.approx(expected)
    ax2 = plot.attainment_curve(seeds, "赤壁市", 2021, "general_budget_revenue",
                                projection=False, cjk=False)
    assert "projection" not in _lines(ax2)


def test_curve_stretch_line():
    facts = coerce_facts(pd.DataFrame({
        "region": ["洪湖市"] * 3, "year": [2024] * 3, "indicator": ["gdp"] * 3,
        "role": ["target", "actual", "actual"], "period_end": [12, 3, 6],
        "measure": ["growth_pct"] * 3, "value": [8.0, 7.1, 7.5], "stretch": [9.0, None, None],
        "modifier": ["point"] * 3,
    }))
    ax = plot.attainment_curve(facts, "洪湖市", 2024, "gdp", cjk=False)
    lines = _lines(ax)
    assert lines["stretch"][:, 1].tolist() == [9.0, 9.0]
    assert lines["actual"].tolist() == [[3.0, 7.1], [6.0, 7.5]]


def test_curve_uses_given_axes_and_errors(seeds):
    fig, ax = plt.subplots()
    assert plot.attainment_curve(seeds, "咸宁市", 2022, "gdp", ax=ax, cjk=False) is ax
    with pytest.raises(govmetrics.GovmetricsError):
        plot.attainment_curve(seeds, "咸宁市", 2022, "energy_intensity", cjk=False)


@needs_cjk
def test_curve_chinese_labels(seeds, no_warnings):
    ax = plot.attainment_curve(seeds, "咸宁市", 2022, "gdp")
    assert ax.get_title() == "咸宁市 2022: 地区生产总值"
    family = ax.title.get_fontproperties().get_name()
    assert family != "DejaVu Sans"
    from matplotlib.font_manager import findfont

    # the font file used really has the glyphs
    from matplotlib.ft2font import FT2Font

    font = FT2Font(findfont(ax.title.get_fontproperties()))
    assert all(font.get_char_index(ord(ch)) for ch in "咸宁市地区生产总值")


def test_english_fallback_by_argument(seeds, no_warnings):
    ax = plot.attainment_curve(seeds, "咸宁市", 2022, "gdp", cjk=False)
    assert ax.get_title() == "421200 2022: GDP"


def test_english_fallback_by_environment(seeds, monkeypatch, no_warnings):
    monkeypatch.setenv("GOVMETRICS_PLOT_CJK", "0")
    ax = plot.attainment_curve(seeds, "咸宁市", 2022, "gdp")
    assert ax.get_title() == "421200 2022: GDP"


def test_warns_when_no_cjk_font(seeds, monkeypatch):
    monkeypatch.setattr(plot._common, "_find_cjk_font", lambda: None)
    with pytest.warns(UserWarning, match="no CJK font") as record:
        ax = plot.attainment_curve(seeds, "咸宁市", 2022, "gdp")
    assert ax.get_title() == "421200 2022: GDP"
    message = str(record[0].message)
    assert "\n" not in message and "fonts-noto-cjk" in message  # one line, what to install


def test_any_cjk_family_matplotlib_knows_is_used(monkeypatch):
    from matplotlib import font_manager

    plot._find_cjk_font.cache_clear()
    fake = font_manager.FontEntry(fname="/fonts/some-song.ttf", name="FZ Shu Song")
    monkeypatch.setattr(font_manager.fontManager, "ttflist", [fake])
    try:
        assert plot._find_cjk_font() == "/fonts/some-song.ttf"
        monkeypatch.setattr(font_manager.fontManager, "ttflist", [
            font_manager.FontEntry(fname="/fonts/dejavu.ttf", name="DejaVu Sans")])
        plot._find_cjk_font.cache_clear()
        assert plot._find_cjk_font() is None
    finally:
        plot._find_cjk_font.cache_clear()


def test_no_global_style_change(seeds):
    before = dict(plt.rcParams)
    plot.attainment_curve(seeds, "咸宁市", 2022, "gdp")
    plot.overview(seeds, "咸宁市", 2022)
    after = dict(plt.rcParams)
    assert {k for k in before if before[k] != after[k]} == set()


# --------------------------------------------------------------------------- dumbbell


def test_target_vs_actual(seeds):
    ax = plot.target_vs_actual(seeds, "gdp", period_end=None, cjk=False)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    # ordered by gap: 咸宁市 2022 (-3.6) below 赤壁市 2021 (+24)
    assert labels == ["421200 2022", "421281 2021"]
    collections = {c.get_label(): c.get_offsets() for c in ax.collections}
    assert np.asarray(collections["Target"]).tolist() == [[8.0, 0.0], [11.0, 1.0]]
    assert np.asarray(collections["In progress"]).tolist() == [[4.4, 0.0], [35.0, 1.0]]
    assert _legend(ax) == ["Target", "In progress"]


def test_target_vs_actual_met_and_missed():
    rows = []
    for region, code, target, actual, mod in [("甲市", "420100", 8.0, 9.0, "point"),
                                              ("乙市", "420200", 7.0, 5.0, "point"),
                                              ("丙市", "420300", 6.0, 5.9, "about")]:
        rows.append((region, code, 2023, "gdp", "target", 12, "growth_pct", target, mod))
        rows.append((region, code, 2023, "gdp", "actual", 12, "growth_pct", actual, "point"))
    facts = coerce_facts(pd.DataFrame(rows, columns=[
        "region", "region_code", "year", "indicator", "role", "period_end", "measure", "value",
        "modifier"]))
    ax = plot.target_vs_actual(facts, "gdp", year=2023, cjk=False)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["420200", "420300", "420100"]
    collections = {c.get_label(): np.asarray(c.get_offsets()).tolist() for c in ax.collections}
    assert collections["Met"] == [[9.0, 2.0]]
    assert collections["Missed"] == [[5.0, 0.0]]
    assert collections["Nearly met"] == [[5.9, 1.0]]
    assert set(_legend(ax)) == {"Target", "Met", "Nearly met", "Missed"}
    with pytest.raises(govmetrics.GovmetricsError):
        plot.target_vs_actual(facts, "gdp", period_end=9, cjk=False)


# --------------------------------------------------------------------------- rank chart


def test_rank_chart_bump():
    t = pd.DataFrame({"region": ["A市", "A市", "B市", "B市"], "year": [2021, 2022] * 2,
                      "indicator": "gdp", "rank": [1, 2, 2, 1]})
    ax = plot.rank_chart(t, cjk=False)
    assert ax.yaxis_inverted()
    lines = _lines(ax)
    assert lines["A市"].tolist() == [[2021.0, 1.0], [2022.0, 2.0]]
    assert lines["B市"].tolist() == [[2021.0, 2.0], [2022.0, 1.0]]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2021", "2022"]
    ax = plot.rank_chart(t, regions=["B市"], cjk=False)
    assert list(_lines(ax)) == ["B市"]


def test_rank_chart_reported_ranks(seeds):
    ax = plot.rank_chart(seeds[seeds["indicator"] == "gdp"], x="period_end", cjk=False)
    assert _lines(ax)["421200"].tolist() == [[9.0, 13.0]]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["1-9"]
    ax = plot.rank_chart(seeds[seeds["region"] == "咸宁市"], x="period_end",
                         series="indicator", cjk=False)
    assert _lines(ax)["Retail sales of consumer goods"].tolist() == [[9.0, 2.0]]


def test_rank_chart_errors(seeds):
    with pytest.raises(govmetrics.GovmetricsError, match="several indicators"):
        plot.rank_chart(seeds, x="period_end", cjk=False)
    with pytest.raises(govmetrics.GovmetricsError, match="x must be"):
        plot.rank_chart(seeds, x="month", cjk=False)


# --------------------------------------------------------------------------- overview


def test_overview(seeds):
    fig = plot.overview(seeds, "咸宁市", 2022, cjk=False)
    titles = [ax.get_title() for ax in fig.axes]
    assert titles[0] == "GDP"
    assert len(fig.axes) == 9
    assert "New urban jobs" in titles
    assert fig.get_suptitle() == "421200 2022"
    gdp = _lines(fig.axes[0])
    assert gdp["actual"].tolist() == [[9.0, 4.4]]


def test_overview_reuses_figure(seeds):
    fig = plt.figure()
    assert plot.overview(seeds, "赤壁市", 2021, fig=fig, cjk=False) is fig
    with pytest.raises(govmetrics.GovmetricsError):
        plot.overview(seeds, "洪湖市", 2024, cjk=False)


def test_labels_font_reaches_every_text_of_the_axes():
    from matplotlib.font_manager import FontProperties
    from matplotlib.text import Text

    fig, ax = plt.subplots()
    ax.set_title("left", loc="left")
    ax.set_title("right", loc="right")
    ax.set_xlabel("x label")
    ax.text(0.5, 0.5, "note")
    ax.plot([0, 1], [0, 1], label="series")
    ax.legend(title="legend title")
    labels = plot._Labels(cjk=False)
    labels.font = FontProperties(family="DejaVu Sans", size=17)
    labels.apply(ax)
    sizes = {t.get_text(): t.get_fontsize() for t in ax.findobj(Text) if t.get_text()}
    for text in ("left", "right", "x label", "note", "series", "legend title"):
        assert sizes[text] == 17, text
    assert all(t.get_fontsize() == 17 for t in ax.get_xticklabels())
    plt.close(fig)
