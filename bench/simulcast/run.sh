#!/usr/bin/env bash
# Simulcast fan-out benchmark: CPU of one feed to 4 destinations sharing a profile vs 1 destination (same run), and
# the engine against the ffmpeg CLI's tee muxer doing the same 4-way job. Needs the Debian ffmpeg CLI (installed if
# missing). Prints key=value figures last. Usage: bench/simulcast/run.sh [seconds per window] [pairs of windows]
set -euo pipefail
cd "$(dirname "$0")/../.."
mkdir -p target
SECONDS_MEASURED=${1:-10}
command -v ffmpeg >/dev/null || (apt-get update -qq && apt-get install -y -qq ffmpeg >/dev/null)
./mvnw -B -q -pl media-worker -am compile dependency:build-classpath -Dmdep.outputFile=target/bench-cp.txt >/dev/null
CP="media-worker/target/classes:storage/target/classes:$(cat media-worker/target/bench-cp.txt)"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
INGEST=$(free_port); P=(); for i in 1 2 3 4; do P+=($(free_port)); done
PIDS=()
# receivers' restart loops run in process groups of their own (setsid): ending the group ends loop and ffmpeg alike
cleanup() { for p in "${PIDS[@]:-}"; do kill -- "-$p" 2>/dev/null || kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
# the platforms: RTMP servers in a JVM of their own that announce a 4096-byte chunk size, as nginx-rtmp, SRS and the
# platforms' edges do (FFmpeg's own listener announces none, and its client then writes 128-byte chunks, one
# system call each: BENCH_FFMPEG_RECEIVERS=1 measures that case)
receivers() {
  if [ "${BENCH_FFMPEG_RECEIVERS:-0}" = 1 ]; then
    for i in 1 2 3 4; do
      setsid bash -c "while true; do ffmpeg -loglevel error -listen 1 -i rtmp://127.0.0.1:${P[$((i-1))]}/live/bench-$i -c copy -f null - || true; done" &
      PIDS+=($!)
    done
  else
    java -Xmx256m -cp "$CP" bench/simulcast/RtmpSink.java "${P[@]}" > target/bench-sink.log 2>&1 &
    PIDS+=($!)
    sleep 3
  fi
}
# the studio feed is encoded once up front and replayed in real time (-c copy), so that the publisher costs almost
# nothing and the machine's two cores go to what is measured
FEED=target/bench-feed.flv
[ -s "$FEED" ] || ffmpeg -loglevel error -y -f lavfi -i testsrc2=size=1280x720:rate=25 \
  -f lavfi -i sine=frequency=440:sample_rate=44100 -ac 2 -t 20 -c:v libx264 -preset veryfast -g 50 -b:v 2500k \
  -c:a aac -ar 44100 -ac 2 "$FEED"
publish() { ffmpeg -loglevel error -re -stream_loop -1 -i "$FEED" -c copy -f flv "$1" & PIDS+=($!); }
cpu_of() { awk '{print $14+$15}' /proc/$1/stat; }
receivers
OUT=target/bench-simulcast.out; : > "$OUT"
PAIRS=${2:-3}
java -Xmx1g -Djava.awt.headless=true -cp "$CP" bench/simulcast/SimulcastBench.java "$INGEST" "$SECONDS_MEASURED" "$PAIRS" "${P[@]}" \
  > "$OUT" 2>target/bench-simulcast.err &
JAVA=$!; PIDS+=($JAVA)
until grep -q "READY" "$OUT"; do sleep 0.5; done
publish "rtmp://127.0.0.1:$INGEST/live/bench-ingest-key-0001"; PUB=$!
until grep -q "DONE" "$OUT"; do sleep 0.5; done
kill $PUB 2>/dev/null || true
wait $JAVA || true
# reference: ffmpeg's tee muxer, one encode of the same profile to the same 4 receivers, fed the same way
TEE_IN=$(free_port)
ffmpeg -loglevel error -listen 1 -i "rtmp://127.0.0.1:$TEE_IN/live/in" -vf scale=960:540 -c:v libx264 -preset veryfast \
  -tune zerolatency -g 50 -sc_threshold 0 -b:v 1500k -maxrate 1500k -bufsize 1500k -c:a aac -ar 44100 -b:a 128k -map 0:v -map 0:a \
  -f tee "[f=flv:onfail=ignore]rtmp://127.0.0.1:${P[0]}/live/bench-1|[f=flv:onfail=ignore]rtmp://127.0.0.1:${P[1]}/live/bench-2|[f=flv:onfail=ignore]rtmp://127.0.0.1:${P[2]}/live/bench-3|[f=flv:onfail=ignore]rtmp://127.0.0.1:${P[3]}/live/bench-4" &
TEE=$!; PIDS+=($TEE); sleep 1
publish "rtmp://127.0.0.1:$TEE_IN/live/in"; PUB=$!
sleep 5
T0=$(cpu_of $TEE); sleep "$SECONDS_MEASURED"; T1=$(cpu_of $TEE)
kill $PUB $TEE 2>/dev/null || true
TICKS=$(getconf CLK_TCK)
TEE_CPU=$(python3 -c "print(round(($T1-$T0)/$TICKS, 2))")
cat "$OUT" | grep -v -E '^(READY|DONE)'
E4=$(grep engine_cpu_seconds_4 "$OUT" | cut -d= -f2)
echo "machine=$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "ffmpeg_tee_cpu_seconds_4=$TEE_CPU"
python3 -c "print('fanout_cpu_ratio_4_vs_1=' + '$(grep fanout_cpu_ratio_4_vs_1 "$OUT" | cut -d= -f2)'); print('fanout_cpu_ratio_vs_ffmpeg_tee=%.3f' % ($E4/$TEE_CPU))"
