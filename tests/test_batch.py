"""castkit batch: items matched by name or listed, resumable runs, local processes, Dask and S3."""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import MEDIA, ROOT, run_cli
from synthetic_batch import write_batch

from castkit.batch import find_items, run_batch
from castkit.batch.report import totals
from castkit.errors import BadInput

SAMPLE = MEDIA / "arirang-284316"


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    """200 generated bulletins with what aired."""
    folder = tmp_path_factory.mktemp("archive")
    write_batch(folder, 200)
    return folder


def outputs(out: Path) -> dict[str, bytes]:
    """Every item's qa.json, by item (item.json holds timings and paths, so it is left out)."""
    return {p.parent.name: p.read_bytes() for p in sorted(out.glob("*/qa.json"))}


def done_records(out: Path) -> dict[str, int]:
    counts: dict[str, int] = {}
    for line in (out / "ledger.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if record["status"] == "done":
            counts[record["id"]] = counts.get(record["id"], 0) + 1
    return counts


def test_folder_items_are_matched_by_name(tmp_path):
    for name in ("a.txt", "a.mp3", "a.asr.txt", "b.castkit", "b.srt", "c.wav", "notes", ".hidden.txt"):
        (tmp_path / name).write_text("x")
    items = {i.id: i for i in find_items(str(tmp_path))}
    assert sorted(items) == ["a", "b", "c"]
    assert (Path(items["a"].script).name, Path(items["a"].audio).name, Path(items["a"].hypothesis).name) == ("a.txt", "a.mp3", "a.asr.txt")
    assert Path(items["b"].hypothesis).name == "b.srt" and items["b"].audio is None
    assert items["c"].script is None and Path(items["c"].audio).name == "c.wav"


def test_two_scripts_for_one_item_are_refused(tmp_path):
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "a.castkit").write_text("x")
    with pytest.raises(BadInput, match="two script files for item 'a'"):
        find_items(str(tmp_path))


def test_manifests_in_csv_and_json_lines_read_paths_beside_them(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "manifest.csv").write_text("id,script,hypothesis\nfirst,in/one.txt,in/one.hyp\nsecond,in/two.txt,\n")
    (tmp_path / "manifest.jsonl").write_text('{"id": "first", "script": "in/one.txt", "audio": "/abs/one.wav"}\n\n{"script": "in/two.txt"}\n')
    csv_items = find_items(str(tmp_path / "manifest.csv"))
    assert [(i.id, i.script, i.hypothesis) for i in csv_items] == [
        ("first", str(tmp_path / "in" / "one.txt"), str(tmp_path / "in" / "one.hyp")),
        ("second", str(tmp_path / "in" / "two.txt"), None)]
    jsonl_items = find_items(str(tmp_path / "manifest.jsonl"))
    assert [(i.id, i.audio) for i in jsonl_items] == [("first", "/abs/one.wav"), ("two", None)]
    (tmp_path / "bad.jsonl").write_text('{"id": "x", "scrpit": "a.txt"}\n')
    with pytest.raises(BadInput, match="unknown field 'scrpit'"):
        find_items(str(tmp_path / "bad.jsonl"))
    (tmp_path / "evil.csv").write_text("id,script\n../../etc,a.txt\n")
    with pytest.raises(BadInput, match="cannot name a folder"):
        find_items(str(tmp_path / "evil.csv"))


def test_two_processes_and_one_give_the_same_outputs_and_corpus_wer(archive, tmp_path):
    one = run_batch("qa", find_items(str(archive)), str(tmp_path / "one"))
    two = run_batch("qa", find_items(str(archive)), str(tmp_path / "two"), workers=2)
    assert one.count("done") == two.count("done") == 200
    assert outputs(tmp_path / "one") == outputs(tmp_path / "two")
    assert len(outputs(tmp_path / "one")) == 200
    assert totals(one)["qa"] == totals(two)["qa"]
    # corpus WER sums errors over all words: it equals the WER of the items' counts added up
    counts = [json.loads(p.read_text())["counts"] for p in sorted((tmp_path / "one").glob("*/qa.json"))]
    errors = sum(c["substitutions"] + c["deletions"] + c["insertions"] for c in counts)
    assert totals(one)["qa"]["wer"] == pytest.approx(errors / sum(c["ref_words"] for c in counts))
    summary = json.loads((tmp_path / "one" / "item.json").read_text()) if (tmp_path / "one" / "item.json").exists() else None
    assert summary is None  # item facts live in each item's folder, not the batch's
    item = json.loads((tmp_path / "one" / "b0007" / "item.json").read_text())
    assert item["job"] == "qa" and item["inputs"]["script"].endswith("b0007.castkit") and item["castkit"]


def test_a_rerun_skips_what_is_done_and_redoes_what_changed(tmp_path):
    folder = tmp_path / "in"
    write_batch(folder, 4)
    out = tmp_path / "out"
    first = run_batch("qa", find_items(str(folder)), str(out))
    assert first.count("done") == 4
    again = run_batch("qa", find_items(str(folder)), str(out))
    assert again.count("skipped") == 4 and again.count("done") == 0
    (folder / "b0002.asr.txt").write_text("something else entirely\n")
    changed = run_batch("qa", find_items(str(folder)), str(out))
    assert [r.id for r in changed.results if r.status == "done"] == ["b0002"]
    assert totals(changed)["qa"] != totals(first)["qa"]
    other = run_batch("qa", find_items(str(folder)), str(out), options={"sclite": True})
    assert other.count("done") == 4  # other options, other results


def test_a_failed_item_is_recorded_with_its_error_and_the_batch_goes_on(tmp_path):
    folder = tmp_path / "in"
    write_batch(folder, 3)
    (folder / "b0001.asr.txt").write_bytes(b"\x00\x01binary")
    (folder / "lonely.txt").write_text("A script with nothing aired.\n")
    report = run_batch("qa", find_items(str(folder)), str(tmp_path / "out"))
    status = {r.id: (r.status, r.error) for r in report.results}
    assert status["b0000"] == ("done", None) and status["b0002"] == ("done", None)
    assert status["b0001"][0] == "failed" and "binary" in status["b0001"][1] and "\n" not in status["b0001"][1]
    assert status["lonely"] == ("failed", "qa needs a hypothesis for this item")
    assert not (tmp_path / "out" / "b0001").exists()
    assert not list((tmp_path / "out").glob(".castkit-batch-*"))


def test_the_command_prints_one_line_per_failure_and_exits_1(tmp_path):
    folder = tmp_path / "in"
    write_batch(folder, 2)
    (folder / "b0001.asr.txt").write_bytes(b"")
    done = run_cli("batch", "qa", str(folder), "-o", str(tmp_path / "out"), "--json")
    assert done.returncode == 1
    errors = [line for line in done.stderr.decode().splitlines() if line.startswith("castkit: error:")]
    assert errors == [f"castkit: error: b0001: {folder / 'b0001.asr.txt'}: file is empty"]
    summary = json.loads(done.stdout)
    assert summary["schema"] == "castkit.batch/1" and summary["totals"]["failed"] == 1
    assert summary == json.loads((tmp_path / "out" / "summary.json").read_text())
    page = (tmp_path / "out" / "summary.html").read_text()
    assert "Failed (1)" in page and "corpus WER" in page and "<svg" in page
    bad = run_cli("batch", "qa", str(tmp_path / "nowhere"), "-o", str(tmp_path / "out2"))
    assert bad.returncode == 2 and len(bad.stderr.decode().splitlines()) == 1


def test_an_interrupted_batch_resumes_with_every_item_done_once_and_no_partial_files(archive, tmp_path):
    out = tmp_path / "out"
    command = [sys.executable, "-m", "castkit", "batch", "qa", str(archive), "-o", str(out), "--workers", "2"]
    for sig in (signal.SIGINT, signal.SIGKILL):
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        ledger = out / "ledger.jsonl"
        while process.poll() is None and (not ledger.exists() or len(ledger.read_text().splitlines()) < 20 * (1 + (sig == signal.SIGKILL))):
            time.sleep(0.05)
        os.killpg(process.pid, sig)
        process.wait(timeout=60)
    assert 0 < len(done_records(out)) < 200, "the batch was meant to be interrupted part way"
    resumed = run_batch("qa", find_items(str(archive)), str(out), workers=2)
    assert resumed.count("skipped") + resumed.count("done") == 200 and resumed.count("failed") == 0
    assert done_records(out) == {f"b{n:04d}": 1 for n in range(200)}
    assert not list(out.glob(".castkit-batch-*"))
    assert len(outputs(out)) == 200
    for item in out.glob("b*"):
        json.loads((item / "qa.json").read_text())  # whole, not cut off


def test_a_killed_worker_process_costs_a_retry_and_nothing_else(archive, tmp_path):
    import multiprocessing

    reference = run_batch("qa", find_items(str(archive)), str(tmp_path / "one"))
    ended, killed = [], []

    def kill_one(result, total):
        ended.append(result.id)
        workers = multiprocessing.active_children()
        if len(ended) == 30 and workers:
            os.kill(workers[0].pid, signal.SIGKILL)
            killed.append(workers[0].pid)

    report = run_batch("qa", find_items(str(archive)), str(tmp_path / "two"), workers=2, on_result=kill_one)
    assert killed, "a worker was meant to be killed mid-batch"
    assert report.count("done") == 200 and any(r.attempts > 1 for r in report.results)
    assert done_records(tmp_path / "two") == {f"b{n:04d}": 1 for n in range(200)}
    assert outputs(tmp_path / "two") == outputs(tmp_path / "one")
    assert totals(report)["qa"] == totals(reference)["qa"]
    assert not list((tmp_path / "two").glob(".castkit-batch-*"))


def test_an_input_that_cannot_be_read_fails_its_item_and_the_batch_goes_on(tmp_path):
    """Inputs are read for their keys as items are sent: a missing file in a manifest is that item's failure."""
    folder = tmp_path / "in"
    write_batch(folder, 3)
    (tmp_path / "list.csv").write_text("id,script,hypothesis\n"
                                       + "".join(f"b{n:04d},in/b{n:04d}.castkit,in/b{n:04d}.asr.txt\n" for n in range(3))
                                       + "gone,in/gone.castkit,in/gone.asr.txt\n")
    ended = []
    report = run_batch("qa", find_items(str(tmp_path / "list.csv")), str(tmp_path / "out"), on_result=lambda r, total: ended.append(r.id))
    assert [(r.id, r.status) for r in report.results] == [("b0000", "done"), ("b0001", "done"), ("b0002", "done"), ("gone", "failed")]
    failed = report.results[-1]
    assert "no such file" in failed.error and "gone" in failed.error and ended == ["b0000", "b0001", "b0002", "gone"]
    assert done_records(tmp_path / "out") == {"b0000": 1, "b0001": 1, "b0002": 1}


def test_a_pool_found_broken_when_an_item_is_sent_costs_a_retry_and_nothing_else(tmp_path):
    """Items are sent while others run, so a pool can break between two sends: the next send finds it broken."""
    from concurrent.futures import ProcessPoolExecutor, wait

    from castkit.batch.ledger import item_key
    from castkit.batch.runner import _drain, _local_pool

    folder = tmp_path / "in"
    write_batch(folder, 6)
    items = find_items(str(folder))
    (tmp_path / "out").mkdir()
    broken = ProcessPoolExecutor(max_workers=1)
    wait([broken.submit(os._exit, 1)])  # its only worker gone: the next submit raises BrokenProcessPool
    ended = []
    fresh = []
    try:
        _drain(broken, [(item, item_key("qa", item, {})) for item in items], "qa", str(tmp_path / "out"), {}, ended.append,
               fresh_pool=lambda: fresh.append(_local_pool(2)) or fresh[-1])
    finally:
        broken.shutdown(wait=True)
        for pool in fresh:
            pool.shutdown(wait=True)
    assert sorted(r.id for r in ended) == [item.id for item in items] and {r.status for r in ended} == {"done"}
    assert len(fresh) == 1 and [r.attempts for r in ended].count(2) == 1  # the item sent to the broken pool, sent again


@pytest.mark.slow
def test_a_dask_cluster_gives_the_same_outputs_and_survives_a_killed_worker(archive, tmp_path):
    distributed = pytest.importorskip("distributed")
    reference = run_batch("qa", find_items(str(archive)), str(tmp_path / "local"), workers=2)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None, silence_logs=logging.ERROR) as cluster, distributed.Client(cluster) as client:
        pids = list(client.run(os.getpid).values())
        ended, killed = [], []

        def kill_one(result, total):
            ended.append(result.id)
            if len(ended) == 30:
                os.kill(pids[0], signal.SIGKILL)
                killed.append(pids[0])

        report = run_batch("qa", find_items(str(archive)), str(tmp_path / "dask"), executor=client.get_executor(), on_result=kill_one)
    assert killed, "a worker was meant to be killed mid-batch"
    assert report.count("done") == 200
    assert done_records(tmp_path / "dask") == {f"b{n:04d}": 1 for n in range(200)}
    assert outputs(tmp_path / "dask") == outputs(tmp_path / "local")
    assert totals(report)["qa"] == totals(reference)["qa"]
    assert not list((tmp_path / "dask").glob(".castkit-batch-*"))


@pytest.mark.slow
def test_the_command_runs_on_a_dask_scheduler(tmp_path):
    distributed = pytest.importorskip("distributed")
    folder = tmp_path / "in"
    write_batch(folder, 6)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None, silence_logs=logging.ERROR) as cluster:
        done = run_cli("batch", "qa", str(folder), "-o", str(tmp_path / "out"), "--scheduler", cluster.scheduler_address)
    assert done.returncode == 0, done.stderr.decode()
    assert len(outputs(tmp_path / "out")) == 6


@pytest.mark.slow
def test_align_and_build_jobs_on_real_audio(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("one", "two"):
        (folder / f"{name}.txt").write_bytes(SAMPLE.with_suffix(".txt").read_bytes())
        (folder / f"{name}.mp3").write_bytes(SAMPLE.with_suffix(".mp3").read_bytes())
    aligned = run_batch("align", find_items(str(folder)), str(tmp_path / "align"), workers=2)
    assert aligned.count("done") == 2, [r.error for r in aligned.results]
    assert totals(aligned)["elements"]["measured"] >= 16
    timings = json.loads((tmp_path / "align" / "one" / "timings.json").read_text())
    assert timings["schema"] == "castkit.timings/1"
    built = run_batch("build", find_items(str(folder)), str(tmp_path / "build"))
    assert built.count("done") == 2, [r.error for r in built.results]
    assert (tmp_path / "build" / "two" / "index.html").is_file()
    assert json.loads((tmp_path / "build" / "two" / "build.json").read_text())["timed_from"] == "audio"


def test_s3_inputs_and_outputs_on_a_local_s3_server(tmp_path, monkeypatch):
    moto_server = pytest.importorskip("moto.server")
    boto3 = pytest.importorskip("boto3")
    pytest.importorskip("s3fs")
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        host, port = server.get_host_and_port()
        endpoint = f"http://{host}:{port}"
        for name, value in {"AWS_ACCESS_KEY_ID": "castkit", "AWS_SECRET_ACCESS_KEY": "castkit",
                            "AWS_DEFAULT_REGION": "us-east-1", "FSSPEC_S3_ENDPOINT_URL": endpoint}.items():
            monkeypatch.setenv(name, value)
        import fsspec.config

        fsspec.config.set_conf_env(fsspec.config.conf)
        s3 = boto3.client("s3", endpoint_url=endpoint)
        s3.create_bucket(Bucket="archive")
        local = tmp_path / "in"
        write_batch(local, 3)
        for path in local.iterdir():
            s3.upload_file(str(path), "archive", f"in/{path.name}")
        report = run_batch("qa", find_items("s3://archive/in"), "s3://archive/out")
        assert report.count("done") == 3
        keys = {o["Key"] for o in s3.list_objects_v2(Bucket="archive", Prefix="out/")["Contents"]}
        assert {"out/b0000/qa.json", "out/b0000/item.json", "out/ledger.jsonl"} <= keys
        again = run_batch("qa", find_items("s3://archive/in"), "s3://archive/out")
        assert again.count("skipped") == 3
        expected = run_batch("qa", find_items(str(local)), str(tmp_path / "out"))
        body = s3.get_object(Bucket="archive", Key="out/b0001/qa.json")["Body"].read()
        assert json.loads(body)["counts"] == json.loads((tmp_path / "out" / "b0001" / "qa.json").read_text())["counts"]
        assert totals(report)["qa"] == totals(expected)["qa"]
    finally:
        server.stop()


def test_a_remote_ledger_is_written_now_and_then_not_once_per_item(tmp_path, monkeypatch):
    from castkit.batch import ledger, store

    write_batch(tmp_path / "in", 12)
    out = f"memory://{tmp_path.name}/out"  # an fsspec store in this process: remote, as S3 is
    writes = []
    write_text = store.write_text
    monkeypatch.setattr(store, "write_text", lambda where, text: (writes.append(where), write_text(where, text)))
    ended = []

    def stop_after_five(result, total):
        ended.append(result.id)
        if len(ended) == 5:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_batch("qa", find_items(str(tmp_path / "in")), out, on_result=stop_after_five)
    assert writes.count(f"{out}/ledger.jsonl") == 1  # the interrupted batch keeps what it finished
    assert len(store.read_text(f"{out}/ledger.jsonl").splitlines()) == 5
    monkeypatch.setattr(ledger, "REMOTE_EVERY_S", 0.0)  # a long batch: written as it goes
    resumed = run_batch("qa", find_items(str(tmp_path / "in")), out)
    assert (resumed.count("skipped"), resumed.count("done")) == (5, 7)
    assert writes.count(f"{out}/ledger.jsonl") == 1 + 7


def test_a_spreadsheet_saved_manifest_with_a_bom_reads_and_a_legacy_one_is_refused(tmp_path):
    (tmp_path / "excel.csv").write_bytes(b"\xef\xbb\xbfid,script\nfirst,one.txt\n")
    assert [(i.id, Path(i.script).name) for i in find_items(str(tmp_path / "excel.csv"))] == [("first", "one.txt")]
    (tmp_path / "legacy.csv").write_bytes(b"id,script\nx,caf\xe9.txt\n")
    with pytest.raises(BadInput, match="not UTF-8"):
        find_items(str(tmp_path / "legacy.csv"))
