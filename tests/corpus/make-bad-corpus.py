#!/usr/bin/env python3
"""Writes tests/corpus/bad/: hostile and broken court exports, one per rule of export format v1 and more.

Each file is uploaded by court 浙0102 on 2026-01-15 (China Standard Time) in the tests. expected.tsv says what must
happen: `rejected` files are refused whole with a reason containing the keyword; `partial` files keep their good
rows and reject the named row and column. Files too large to commit (a 50 MB field, an XLSX zip bomb) are made by
the tests at run time. Run this script again after changing it; it overwrites the folder.
"""
import io
import os
import zipfile

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "bad")
HEADER = "案号,立案日期,结案日期,结案方式,审限届满日期,原审案号,是否开庭,上诉日期,移送日期,申请执行标的额,执行到位金额,案由,承办部门,承办法官"
GOOD = [f"（2025）浙0102民初{i}号,2025-03-{i:02d},2025-05-{i:02d},判决,2025-09-01,,,,,,,买卖合同纠纷,民一庭,示例法官01" for i in range(1, 11)]
expected = []


def write(name, data, outcome, detail):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))
    expected.append((name, outcome, detail))


def csv(rows, header=HEADER):
    return "\r\n".join([header] + GOOD + rows) + "\r\n"


def row(case="（2025）浙0102民初99号", filed="2025-03-01", closed="", disposition="", deadline="", origin="", hearing="",
        appeal="", transfer="", claimed="", recovered="", cause="买卖合同纠纷", division="民一庭", judge="示例法官01"):
    return ",".join([case, filed, closed, disposition, deadline, origin, hearing, appeal, transfer, claimed, recovered, cause, division, judge])


def xlsx(sheet_xml, workbook=True, extra=None):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        if workbook:
            z.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="s" sheetId="1" r:id="rId1"/></sheets></workbook>')
            z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
            z.writestr("xl/worksheets/sheet1.xml", sheet_xml)
        for name, content in (extra or {}).items():
            z.writestr(name, content)
    return buffer.getvalue()


def main():
    os.makedirs(HERE, exist_ok=True)
    for f in os.listdir(HERE):
        os.remove(os.path.join(HERE, f))

    # Files rejected whole: nothing may be stored.
    write("empty.csv", b"", "rejected", "空")
    write("header-only-blank.csv", b"\r\n\r\n", "rejected", "表头")
    write("missing-required-column.csv", "案号,结案日期\r\n（2025）浙0102民初1号,2025-05-01\r\n", "rejected", "立案日期")
    write("duplicate-header.csv", "案号,立案日期,case_number\r\n（2025）浙0102民初1号,2025-03-01,（2025）浙0102民初1号\r\n", "rejected", "多次")
    write("unterminated-quote.csv", csv([row(cause='"没有结束的引号')]), "rejected", "引号")
    # A quote in the middle of an unquoted field is a character (RFC 4180): the cut-off row is a date error, not a broken file.
    write("truncated-mid-quote.csv", csv([])[:-40] + '"截断', "partial", "11:结案日期")
    write("nul-bytes.csv", csv([]).encode("utf-8") + b"\x00\x00\x00", "rejected", "NUL")
    write("binary-garbage.csv", bytes((i * 97 + 13) % 256 for i in range(4096)), "rejected", "NUL")
    write("utf16.csv", b"\xff\xfe" + csv([]).encode("utf-16-le"), "rejected", "UTF-16")
    write("undecodable-bytes.csv", csv([]).encode("utf-8") + b"\xff\xfe\xfd,2025-03-01\r\n", "rejected", "编码")
    write("latin1-not-chinese.csv", ("case_number,filing_date\r\n" + "caf\xe9 (2025),2025-03-01\r\n" * 3).encode("latin-1") + b"\xff", "rejected", "编码")
    write("pdf-renamed.csv", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n", "rejected", "PDF")
    write("legacy-xls.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "rejected", "xls")
    write("zip-not-xlsx.xlsx", xlsx("", workbook=False, extra={"word/document.xml": "<w/>"}), "rejected", "workbook")
    write("corrupt.xlsx", b"PK\x03\x04" + bytes(range(256)) * 4, "rejected", "损坏")
    write("xxe-dtd.xlsx", xlsx('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&e;</t></is></c></row></sheetData></worksheet>'), "rejected", "DTD")
    write("too-many-bad-rows.csv", csv([row(filed="not a date")] * 5), "rejected", "20%")
    write("jsonl-invalid-utf8.jsonl", b'{"\xe6\xa1\x88\xe5\x8f\xb7":"\xff\xfe"}\n', "rejected", "UTF-8")
    write("jsonl-all-garbage.jsonl", "{not json}\n{\"案号\": [1,2]}\n{\"x\":1}\n", "rejected", "20%")

    # Files accepted in part: the good rows are stored, the named row is quarantined.
    write("bad-case-number.csv", csv([row(case="（2025）浙0102民X99号")]), "partial", "12:案号")
    write("wrong-court.csv", csv([row(case="（2025）京0105民初99号")]), "partial", "12:案号")
    write("court-code-traversal.csv", csv([row(case="（2025）../../浙0102民初99号")]), "partial", "12:案号")
    write("missing-filing-date.csv", csv([row(filed="")]), "partial", "12:立案日期")
    write("bad-date.csv", csv([row(filed="2025-02-30")]), "partial", "12:立案日期")
    write("closing-before-filing.csv", csv([row(closed="2025-02-01", disposition="判决")]), "partial", "12:结案日期")
    write("future-date.csv", csv([row(filed="2026-01-20")]), "partial", "12:立案日期")
    write("future-closing-date.csv", csv([row(closed="2027-01-01", disposition="判决")]), "partial", "12:结案日期")
    write("closed-without-disposition.csv", csv([row(closed="2025-04-01")]), "partial", "12:结案方式")
    write("unknown-disposition.csv", csv([row(closed="2025-04-01", disposition="结了")]), "partial", "12:结案方式")
    write("bad-origin.csv", csv([row(origin="原审待查")]), "partial", "12:原审案号")
    write("bad-hearing.csv", csv([row(hearing="也许")]), "partial", "12:是否开庭")
    write("negative-amount.csv", csv([row(case="（2025）浙0102执99号", claimed="-100")]), "partial", "12:申请执行标的额")
    write("field-too-long.csv", csv([row(cause="长" * 4001)]), "partial", "12:案由")
    write("formula-injection.csv", csv([row(filed="bad", cause='"=HYPERLINK(""http://example.invalid"",""点击"")"' , judge="@SUM(A1)", division="-2+3")]), "partial", "12:立案日期")
    write("duplicate-conflict.csv", csv([row(case="（2025）浙0102民初1号", filed="2025-03-02")]), "partial", "2:案号")
    write("bad-row.tsv", "\r\n".join([HEADER.replace(",", "\t")] + [g.replace(",", "\t") for g in GOOD] + [row(filed="?").replace(",", "\t")]) + "\r\n", "partial", "12:立案日期")
    write("jsonl-broken-line.jsonl", "\n".join([
        '{"案号":"（2025）浙0102民初%d号","立案日期":"2025-03-01"}' % i for i in range(1, 11)] + ['{"案号": "（2025）浙0102民初11号", "立案日期":'] ) + "\n", "partial", "11:")
    write("gb18030-bad-row.csv", csv([row(filed="2025年13月1日")]).encode("gb18030"), "partial", "12:立案日期")

    # Not CSV, XLSX or JSON Lines, whatever the name says.
    write("html-table-saved-as.xls", '<html xmlns:x="urn:schemas-microsoft-com:office:excel">\r\n<head><meta charset="utf-8"></head><body><table>\r\n'
          '<tr><td>案号</td><td>立案日期</td></tr>\r\n<tr><td>（2025）浙0102民初1号</td><td>2025-03-01</td></tr>\r\n</table></body></html>\r\n', "rejected", "HTML")
    write("json-array.jsonl", '[\n{"案号":"（2025）浙0102民初1号","立案日期":"2025-03-01"}\n]\n', "rejected", "JSON数组")
    write("utf16-no-bom.csv", "案号,立案日期,结案日期,结案方式\r\n（2025）浙0102民初1号,2025-03-01,2025-05-01,判决\r\n（2025）浙0102民初2号,2025-03-02,,\r\n"
          .encode("utf-16-le"), "rejected", "UTF-16")

    with open(os.path.join(HERE, "expected.tsv"), "w", encoding="utf-8") as f:
        f.write("file\toutcome\tdetail\n")
        for name, outcome, detail in expected:
            f.write(f"{name}\t{outcome}\t{detail}\n")


if __name__ == "__main__":
    main()
