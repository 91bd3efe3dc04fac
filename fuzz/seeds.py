#!/usr/bin/env python3
"""Writes the seed corpora in fuzz/corpus/<target>/: small, realistic inputs in each target's
input format (see the comment on `Input` in each fuzz_targets/*.rs). Run again after changing a
format; the files are committed. Signatures are computed here with Python's hmac, independently of
the server's signing code, under the targets' secret `fuzz-secret`."""

import gzip
import hashlib
import hmac
import io
import json
import os
import struct
import urllib.parse
import zlib

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus")


def write(target, name, data):
    directory = os.path.join(ROOT, target)
    os.makedirs(directory, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(directory, name), "wb") as f:
        f.write(data)


# --- form_validation: 0x01, a form index, the JSON body of POST /api/v1/dossiers -------------
def dossier(procedure, values):
    return json.dumps({"procedureId": procedure, "values": values}, ensure_ascii=False)


birth = {
    "applicant_phone": "0905 123 456",
    "child_name": "Nguyễn Thị Hoa",
    "child_birth_date": "2026-11-20",
    "child_sex": "nu",
    "child_birth_place": "Bệnh viện Trung ương Huế",
    "child_ethnicity": "Kinh",
    "mother_name": "Trần Thị Bình",
    "mother_pin": "046192000002",
    "relationship": "me",
    "birth_certificate": [
        {"sha256": "a" * 64, "fileName": "giay-chung-sinh.jpg", "fileType": "jpeg", "size": 245760}
    ],
}
for i in range(4):
    write("form_validation", f"birth-{i}", b"\x01" + bytes([i]) + dossier("HT-001", birth).encode())
bad = dict(birth, child_birth_date="2027-02-30", mother_pin="04619200000A", extra="x")
write("form_validation", "birth-bad", b"\x01\x00" + dossier("HT-001", bad).encode())
business = {
    "applicant_phone": "+84 234 3822 123",
    "business_address": "25 Hùng Vương, Huế",
    "business_lines": "Bán lẻ tạp hóa",
    "capital_million_vnd": "150",
}
write("form_validation", "business", b"\x01\x05" + dossier("KD-004", business).encode())
# The arbitrary mode: a few bytes the fuzzer grows into forms.
write("form_validation", "arbitrary", b"\x00" + bytes(range(64)))


# --- feed_decode: status, encoding (0x80: compress), repeat, scope, cursor length + 1, body --
def localized(vi, en):
    return {"vi": vi, "en": en}


procedure = {
    "id": "HT-001",
    "field": "ho-tich",
    "level": "xa",
    "name": localized("Đăng ký khai sinh", "Birth registration"),
    "agency": localized("UBND phường Thuận Hóa", "Thuan Hoa Ward People's Committee"),
    "processingDays": 1,
    "feeVnd": 0,
    "onlineLevel": "full",
    "requiredDocuments": [localized("Giấy chứng sinh", "Birth certificate")],
}
paid = dict(procedure, id="KD-004", field="kinh-doanh", level="huyen", feeVnd=100000,
            onlineLevel="partial", name=localized("Đăng ký hộ kinh doanh", "Household business"))
catalog_page = {
    "changes": [{"op": "upsert", "item": procedure}, {"op": "upsert", "item": paid},
                {"op": "tombstone", "id": "XD-099"}],
    "cursor": "42",
    "hasMore": True,
}
dossier_item = {
    "id": "0193a4c2-7d1e-7000-8000-000000000001",
    "code": "H57.HT-261123-0001",
    "procedureId": "HT-001",
    "procedureName": procedure["name"],
    "agency": procedure["agency"],
    "status": "received",
    "submittedAt": "2026-11-23T02:15:00Z",
    "dueDate": "2026-11-24",
    "values": {"child_name": "Nguyễn Thị Hoa"},
    "timeline": [],
}
report_item = {
    "id": "0193a4c2-7d1e-7000-8000-000000000002",
    "code": "PA-261123-0001",
    "category": "chieu-sang",
    "categoryName": localized("Điện chiếu sáng", "Street lighting"),
    "title": "Đèn đường tắt",
    "description": "Đèn trước số 12 Lê Lợi tắt ba ngày nay.",
    "photos": [{"sha256": "b" * 64, "fileName": "den.jpg", "fileType": "jpeg", "size": 120000}],
    "location": {"lat": 16.4637, "lon": 107.5909},
    "public": True,
    "agency": localized("Công ty Chiếu sáng Huế", "Hue Lighting Company"),
    "status": "received",
    "submittedAt": "2026-11-23T02:15:00Z",
    "dueAt": "2026-11-24T02:15:00Z",
    "timeline": [],
}


def feed_seed(status, encoding, compress, repeat, scope, after, body):
    after_bytes = b"" if after is None else after.encode()
    header = bytes([status, encoding | (0x80 if compress else 0), repeat, scope,
                    0 if after is None else len(after_bytes) + 1])
    return header + after_bytes + json.dumps(body, ensure_ascii=False).encode()


write("feed_decode", "catalog-plain", feed_seed(0, 0, False, 0, 0, None, catalog_page))
write("feed_decode", "catalog-gzip", feed_seed(0, 1, True, 0, 0, "41", catalog_page))
write("feed_decode", "catalog-zstd", feed_seed(0, 2, True, 0, 0, "41", catalog_page))
write("feed_decode", "catalog-stuck", feed_seed(0, 0, False, 0, 0, "42", catalog_page))
write("feed_decode", "catalog-end", feed_seed(0, 2, True, 0, 0, "42",
                                             {"changes": [], "cursor": "42", "hasMore": False}))
write("feed_decode", "dossiers", feed_seed(1, 1, True, 0, 1, None,
                                           {"changes": [{"op": "upsert", "item": dossier_item}],
                                            "cursor": "7", "hasMore": False}))
write("feed_decode", "reports", feed_seed(2, 2, True, 0, 2, "6",
                                          {"changes": [{"op": "upsert", "item": report_item}],
                                           "cursor": "7", "hasMore": False}))
write("feed_decode", "error-body", feed_seed(9, 0, False, 0, 0, None,
                                             {"code": "server-error", "message": "busy"}))
write("feed_decode", "unauthorized", feed_seed(5, 0, False, 0, 1, None, {}))
# A body only compression makes small: 200 copies of a page, over the target's cap.
write("feed_decode", "large-zstd", feed_seed(0, 2, True, 200, 0, None, catalog_page))
# Bytes that claim to be gzip but are not.
write("feed_decode", "bad-gzip", bytes([0, 1, 0, 0, 0]) + b"\x1f\x8b\x08\x00garbage")
write("feed_decode", "bad-zstd", bytes([0, 2, 0, 0, 0]) + b"\x28\xb5\x2f\xfd\x00\x58garbage")


# --- open311_input: 0x02 raw POST body, 0x03 raw query ----------------------------------------
def form(pairs):
    return urllib.parse.urlencode(pairs)


write("open311_input", "post-latlong", b"\x02" + form([
    ("api_key", "demo-open311-key"), ("service_code", "chieu-sang"), ("lat", "16.4637"),
    ("long", "107.5909"), ("description", "Đèn đường tắt\nĐã ba ngày"),
    ("email", "an@example.vn"), ("first_name", "An"), ("attribute[WHISPER]", "x")]).encode())
write("open311_input", "post-address", b"\x02" + form([
    ("api_key", "demo-open311-key"), ("service_code", "giao-thong"),
    ("address_string", "12 Lê Lợi, Huế"), ("description", "Ổ gà lớn giữa đường"),
    ("media_url", "https://example.vn/o-ga.jpg")]).encode())
write("open311_input", "post-outside", b"\x02" + form([
    ("api_key", "demo-open311-key"), ("service_code", "chieu-sang"), ("lat", "21.0285"),
    ("long", "105.8542")]).encode())
write("open311_input", "post-nokey", b"\x02" + form([("service_code", "chieu-sang")]).encode())
write("open311_input", "query-window", b"\x03" + form([
    ("start_date", "2026-10-01T00:00:00Z"), ("end_date", "2026-11-23T00:00:00+07:00"),
    ("status", "open,closed"), ("service_code", "chieu-sang")]).encode())
write("open311_input", "query-ids", b"\x03service_request_id=PA-261123-0001,PA-261123-0002")
write("open311_input", "query-start", b"\x03start_date=2026-11-01T00:00:00 07:00")
# The ends of the calendar, where a 90-day window has no room.
write("open311_input", "query-last-year", b"\x03start_date=9999-11-30T00:00:00Z")
write("open311_input", "query-last-second", b"\x03end_date=9999-12-31T23:59:59Z")
write("open311_input", "query-first-year", b"\x03end_date=0000-01-02T00:00:00-05:00")
write("open311_input", "arbitrary", b"\x00" + bytes(range(48)))


# --- payment_notification: 0x02 raw IPN query, 0x03 raw bank form; signed with fuzz-secret ----
def signed(params, signature):
    canonical = urllib.parse.urlencode(sorted((k, v) for k, v in params.items() if v))
    params = dict(params)
    params[signature] = hmac.new(b"fuzz-secret", canonical.encode(), hashlib.sha512).hexdigest()
    return urllib.parse.urlencode(sorted(params.items()))


ipn = {
    "vnp_Amount": "13500000", "vnp_BankCode": "NCB", "vnp_CurrCode": "VND",
    "vnp_OrderInfo": "Thanh toan le phi ho so H57.HT-261123-0007", "vnp_PayDate": "20261123101500",
    "vnp_ResponseCode": "00", "vnp_TmnCode": "CDSHUE01", "vnp_TransactionNo": "14226112",
    "vnp_TransactionStatus": "00", "vnp_TxnRef": "H57HT2611230007L1",
}
write("payment_notification", "ipn-paid", b"\x02" + signed(ipn, "vnp_SecureHash").encode())
write("payment_notification", "ipn-failed", b"\x02" + signed(
    dict(ipn, vnp_ResponseCode="24", vnp_TransactionStatus="02"), "vnp_SecureHash").encode())
write("payment_notification", "ipn-hashtype", b"\x02" + (signed(ipn, "vnp_SecureHash")
                                                          + "&vnp_SecureHashType=HmacSHA512").encode())
write("payment_notification", "ipn-forged", b"\x02" + form(dict(ipn, vnp_SecureHash="00" * 64)).encode())
bank_params = {
    "transaction_no": "FT26327001", "amount": "135000", "currency": "VND",
    "content": "CK H57HT2611230007L1 Nguyen Van An", "paid_at": "2026-11-23T03:15:00Z",
}
write("payment_notification", "bank-paid", b"\x03" + signed(bank_params, "signature").encode())
write("payment_notification", "bank-nocurrency", b"\x03" + signed(
    {k: v for k, v in bank_params.items() if k != "currency"}, "signature").encode())
write("payment_notification", "arbitrary", b"\x00" + bytes(range(64)))


# --- image_intake: small real images, with and without EXIF --------------------------------
def png(width, height, extra_chunks=b""):
    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    raw = b"".join(b"\x00" + bytes((x * 7 + y) % 256 for x in range(width * 3)) for y in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + extra_chunks + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def chunk(kind, data):
    return (struct.pack(">I", len(data)) + kind + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))


# EXIF naming a GPS-ish string, as a phone writes: a TIFF header and one IFD entry.
tiff = b"MM\x00*\x00\x00\x00\x08" + b"\x00\x01\x01\x0e\x00\x02\x00\x00\x00\x14\x00\x00\x00\x1a" \
    + b"\x00\x00\x00\x00" + b"GPS 16.4637 107.5909\x00"
write("image_intake", "png-small", png(16, 12))
write("image_intake", "png-exif", png(16, 12, chunk(b"eXIf", tiff)))
write("image_intake", "png-wide", png(2100, 2))
# The same EXIF after the picture data, where a reader that stops at IDAT does not look.
late = png(16, 12)
write("image_intake", "png-exif-late", late[:-12] + chunk(b"eXIf", tiff) + late[-12:])
# A header claiming 100,000 × 100,000 pixels with nothing behind it.
bomb = bytearray(png(1, 1))
bomb[16:24] = struct.pack(">II", 100_000, 100_000)
bomb[29:33] = struct.pack(">I", zlib.crc32(bytes(bomb[12:29])) & 0xFFFFFFFF)
write("image_intake", "png-bomb", bytes(bomb))
write("image_intake", "pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n")
write("image_intake", "not-an-image", b"<html>%PDF-</html>")
