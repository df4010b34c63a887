package sheets

import "trackbot/domain"

// Texts of file import and export. Refusals say the limit and what to do.
func init() {
	domain.RegisterTexts(domain.Texts{
		"sheets.too_big": {
			domain.English: "The file is larger than %s. Split it into several files (for example by quarter) and send them one by one.",
			domain.Russian: "Файл больше %s. Разбейте его на несколько файлов (например, по кварталам) и пришлите по очереди.",
		},
		"sheets.unreadable": {
			domain.English: "Could not read the file. Save it as CSV (UTF-8) or XLSX and send it again.",
			domain.Russian: "Не удалось прочитать файл. Сохраните его как CSV (UTF-8) или XLSX и пришлите снова.",
		},
		"sheets.old_xls": {
			domain.English: "This is an old Excel .xls file. Save it as .xlsx or .csv and send it again.",
			domain.Russian: "Это старый формат Excel .xls. Сохраните файл как .xlsx или .csv и пришлите снова.",
		},
		"sheets.bad_xlsx": {
			domain.English: "This XLSX file is damaged or is not a workbook. Open it in Excel, save it again as .xlsx (or .csv) and send it.",
			domain.Russian: "Файл XLSX повреждён или это не книга Excel. Откройте его в Excel, сохраните заново как .xlsx (или .csv) и пришлите.",
		},
		"sheets.unknown_format": {
			domain.English: "Unknown file format %q: use csv or xlsx.",
			domain.Russian: "Неизвестный формат файла %q: используйте csv или xlsx.",
		},
		"sheets.zip_entries": {
			domain.English: "The XLSX file has more than %d parts, which no real workbook has. Copy the data into a new workbook or save it as .csv.",
			domain.Russian: "В файле XLSX больше %d частей — у настоящей таблицы столько не бывает. Скопируйте данные в новую книгу или сохраните как .csv.",
		},
		"sheets.zip_ratio": {
			domain.English: "The XLSX file unpacks to far more than its size, so it was not opened. Copy the data into a new workbook or save it as .csv.",
			domain.Russian: "Файл XLSX распаковывается во много раз больше своего размера, поэтому он не открыт. Скопируйте данные в новую книгу или сохраните как .csv.",
		},
		"sheets.unzipped_too_big": {
			domain.English: "The XLSX file unpacks to more than %s. Split it into several files (for example by quarter) or save it as .csv.",
			domain.Russian: "Файл XLSX в распакованном виде больше %s. Разбейте его на несколько файлов (например, по кварталам) или сохраните как .csv.",
		},
		"sheets.too_many_cells": {
			domain.English: "The sheet has more than %s cells. Keep only the numbers in the first sheet, or split the file into several and send them one by one.",
			domain.Russian: "На листе больше %s ячеек. Оставьте на первом листе только цифры или разбейте файл на несколько и пришлите по очереди.",
		},
		"sheets.too_much_text": {
			domain.English: "The XLSX file holds more text than the bot reads (over %s, or over %s separate texts). Copy the numbers into a new workbook or save the sheet as .csv.",
			domain.Russian: "В файле XLSX больше текста, чем читает бот (больше %s или больше %s отдельных текстов). Скопируйте цифры в новую книгу или сохраните лист как .csv.",
		},
		"sheets.too_many_rows": {
			domain.English: "The file has more than %d rows. Split it into several files and send them one by one.",
			domain.Russian: "В файле больше %d строк. Разбейте его на несколько файлов и пришлите по очереди.",
		},
		"sheets.too_many_columns": {
			domain.English: "The file has more than %d columns. Keep one column per figure, as in the template (/template).",
			domain.Russian: "В файле больше %d столбцов. Оставьте по столбцу на показатель, как в шаблоне (/template).",
		},
		"sheets.cell_too_long": {
			domain.English: "the cell is longer than %d characters. Keep one number or name per cell.",
			domain.Russian: "в ячейке больше %d символов. Пишите в ячейку одно число или название.",
		},
		"sheets.no_week_column": {
			domain.English: "there is no “week” column. The first row must name the columns, as in the template: segment, week, leads, …",
			domain.Russian: "нет столбца «неделя». В первой строке должны быть названия столбцов, как в шаблоне: сегмент, неделя, лиды, …",
		},
		"sheets.no_segment_column": {
			domain.English: "there is no “segment” column. Add one with a segment per row: %s.",
			domain.Russian: "нет столбца «сегмент». Добавьте его и укажите сегмент в каждой строке: %s.",
		},
		"sheets.duplicate_column": {
			domain.English: "the same figure as column %s. Keep one of them.",
			domain.Russian: "тот же показатель, что и в столбце %s. Оставьте один из них.",
		},
		"sheets.no_segment": {
			domain.English: "the segment is missing. Write one of: %s.",
			domain.Russian: "не указан сегмент. Укажите один из: %s.",
		},
		"sheets.unknown_segment": {
			domain.English: "unknown segment. Write one of: %s.",
			domain.Russian: "неизвестный сегмент. Укажите один из: %s.",
		},
		"sheets.no_week": {
			domain.English: "the week is missing. Write it like 2026-W47, 47/2026 or a date such as 20.11.2026.",
			domain.Russian: "не указана неделя. Пишите так: 2026-W47, 47/2026 или дату вроде 20.11.2026.",
		},
		"sheets.duplicate_row": {
			domain.English: "this segment and week are already in row %d. Keep one row per segment and week.",
			domain.Russian: "этот сегмент и неделя уже есть в строке %d. Оставьте одну строку на сегмент и неделю.",
		},
		"sheets.empty": {
			domain.English: "The file has no numbers. Fill in the template (/template): one row per segment and week.",
			domain.Russian: "В файле нет цифр. Заполните шаблон (/template): одна строка на сегмент и неделю.",
		},
		"sheets.problems": {
			domain.English: "Nothing was imported. Fix these cells and send the file again:\n%s%s",
			domain.Russian: "Ничего не загружено. Исправьте эти ячейки и пришлите файл снова:\n%s%s",
		},
		"sheets.more": {
			domain.English: "…and %d more problems.",
			domain.Russian: "…и ещё ошибок: %d.",
		},
		"sheets.row": {
			domain.English: "Row %d",
			domain.Russian: "Строка %d",
		},
		"sheets.row_column": {
			domain.English: "Row %d, column %s",
			domain.Russian: "Строка %d, столбец %s",
		},
		"sheets.in_sheet": {
			domain.English: "sheet “%s”",
			domain.Russian: "лист «%s»",
		},
		"sheets.figure_twice": {
			domain.English: "this segment and week already have this figure on sheet %s. Keep it in one place.",
			domain.Russian: "у этого сегмента и недели этот показатель уже есть на листе %s. Оставьте его в одном месте.",
		},
		"sheets.manager_sheet_column": {
			domain.English: "a sheet with a “manager” column holds the managers’ stage counts only. Move this column to another sheet.",
			domain.Russian: "на листе со столбцом «менеджер» — только цифры менеджеров по этапам. Перенесите этот столбец на другой лист.",
		},
		"sheets.no_manager": {
			domain.English: "the manager is missing. Write the sales manager’s name, as in earlier weeks.",
			domain.Russian: "не указан менеджер. Напишите имя менеджера по продажам, как в прошлые недели.",
		},
		"sheets.manager_too_long": {
			domain.English: "the manager’s name is longer than %d characters. Write a shorter name.",
			domain.Russian: "имя менеджера длиннее %d символов. Напишите короче.",
		},
		"sheets.duplicate_manager_row": {
			domain.English: "this segment, week and manager are already in row %d. Keep one row per manager.",
			domain.Russian: "этот сегмент, неделя и менеджер уже есть в строке %d. Оставьте одну строку на менеджера.",
		},
		"sheets.sheet.data": {
			domain.English: "Funnel",
			domain.Russian: "Воронка",
		},
		"sheets.sheet.instructions": {
			domain.English: "Instructions",
			domain.Russian: "Инструкция",
		},
		"sheets.sheet.nontarget": {
			domain.English: "Non-target",
			domain.Russian: "Нецелевые",
		},
		"sheets.sheet.dropoff": {
			domain.English: "Drop-offs",
			domain.Russian: "Отвалы",
		},
		"sheets.sheet.managers": {
			domain.English: "Managers",
			domain.Russian: "Менеджеры",
		},
		"sheets.label.manager": {
			domain.English: "Manager",
			domain.Russian: "Менеджер",
		},
		"sheets.instructions": {
			domain.English: "How to fill in this file\n" +
				"One row is one segment in one ISO week; the rows of the last complete weeks are ready. Keep the first row of each sheet (the column names) as it is.\n" +
				"Funnel: the count at each stage, spend, revenue and margin.\n" +
				"Non-target: leads that were not qualified, by reason.\n" +
				"Drop-offs: items lost on the way into a stage, by reason. lost.Meetings.Price counts the qualified leads that did not get to a meeting because of the price.\n" +
				"Managers: a row per sales manager with their own counts. Write the name as in earlier weeks; add rows for more managers.\n" +
				"Week: 2026-W47, 47/2026 or any date of that week, such as 20.11.2026.\n" +
				"Leave a cell empty when you have no number: empty means “not reported” and keeps what the bot already has; 0 means zero.\n" +
				"Numbers: 1200, 1 200, 1,2 млн, 350k. Money in the workspace currency. Margin: 35% (or 0.35).\n" +
				"Fill in your department's columns. A department head may send the whole company's sheet: the bot takes their department's columns and a CEO can accept the rest.\n" +
				"Every sheet is read. Send the file to the bot in the group; it shows a preview and saves nothing until you confirm.",
			domain.Russian: "Как заполнить файл\n" +
				"Одна строка — один сегмент за одну неделю (ISO); строки последних полных недель уже готовы. Первую строку каждого листа с названиями столбцов не меняйте.\n" +
				"Воронка: сколько на каждом этапе, расход, выручка и маржа.\n" +
				"Нецелевые: лиды, не прошедшие квалификацию, по причинам.\n" +
				"Отвалы: сколько отвалилось на пути к этапу и почему. отвал.Встречи.Цена — целевые лиды, не дошедшие до встречи из-за цены.\n" +
				"Менеджеры: строка на менеджера по продажам с его цифрами. Пишите имя как в прошлые недели; для новых менеджеров добавьте строки.\n" +
				"Неделя: 2026-W47, 47/2026 или любая дата этой недели, например 20.11.2026.\n" +
				"Если цифры нет, оставьте ячейку пустой: пусто — «не сообщали», бот сохранит то, что уже знает; 0 — это ноль.\n" +
				"Числа: 1200, 1 200, 1,2 млн, 350к. Деньги — в валюте воронки. Маржа: 35% (или 0,35).\n" +
				"Заполняйте столбцы своего отдела. Руководитель отдела может прислать общую таблицу компании: бот возьмёт столбцы его отдела, остальные сможет принять CEO.\n" +
				"Читаются все листы. Пришлите файл боту в группу: он покажет, что загрузит, и ничего не сохранит без вашего подтверждения.",
		},
	})
}
