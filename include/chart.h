/* chart.h: the charts of the published document, drawn by fisc as SVG.
 *
 * A line marked `chart` (docs/language.md §4.2) gets one chart: a bar for
 * the line itself and one for each of its parts, measured in the first
 * value column of its row block (支出总计 in 表7, the value of a narrative
 * line).  Which chart follows from the model, the same way for every
 * budget:
 *
 *   - when last year's value of a line is known (`was`, a stated change,
 *     or the budget named by `previous`), each line gets last year's bar
 *     beside this year's: the year-over-year chart;
 *   - otherwise, when that column has sub-columns with figures for every
 *     line, none negative (支出总计 = 基本支出 + 项目支出), each bar is
 *     stacked by them;
 *   - otherwise one plain bar a line.
 *
 * Bar lengths come from the exact amounts with integer arithmetic (no
 * floating point): a bar of v in a chart whose values run from lo to hi
 * is (v - lo) * width / (hi - lo), to a hundredth of a pixel. */
#ifndef FISC_CHART_H
#define FISC_CHART_H

#include <stdio.h>
#include "arena.h"
#include "model.h"

/* Writes the chart of row as an HTML <figure> holding an inline <svg>,
 * numbered 图 number; a in scratch for texts.  Every bar carries its
 * figure as in the CSV (data-v) and what it is (data-line, data-series),
 * so a test can read them back. */
void chart_write(FILE *out, const m_model *m, const m_row *row, int number, arena *a);

#endif
