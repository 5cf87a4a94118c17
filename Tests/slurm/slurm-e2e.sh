#!/bin/bash
# End-to-end check of `samlab sweep --emit slurm` against a real single-node Slurm on localhost.
#
#   Tests/slurm/slurm-e2e.sh [path/to/samlab]
#
# Needs root (installs Debian's slurm-wlm and munge when missing, writes /etc/slurm/slurm.conf, starts
# munged, slurmctld and slurmd). Runs a 4-cell MNIST sweep as a 2-task job array plus the merge job,
# waits for both, and checks that the merged summary equals the same sweep run in one process.
# Not part of `make test` (it starts system daemons); `make slurm-test` runs it.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
samlab=${1:-$root/.build/release/samlab}
samlab=$(readlink -f "$samlab")
data=${SAMLAB_DATA:-$root/examples/data}
[ -x "$samlab" ] || { echo "no samlab binary at $samlab (make build first)" >&2; exit 2; }

if ! command -v slurmctld >/dev/null || ! command -v munged >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slurm-wlm munge >/dev/null
fi

# munge: a key, then the daemon.
if [ ! -s /etc/munge/munge.key ]; then
  dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 status=none
fi
chown munge:munge /etc/munge/munge.key && chmod 400 /etc/munge/munge.key
mkdir -p /run/munge && chown munge:munge /run/munge
pgrep -x munged >/dev/null || runuser -u munge -- /usr/sbin/munged

# Slurm: one node (this machine), one partition, no cgroups (containers often lack them).
host=$(hostname -s)
cpus=$(nproc)
memory=$(awk '/MemTotal/ {print int($2 / 1024 * 0.9)}' /proc/meminfo)
mkdir -p /etc/slurm /var/spool/slurmctld /var/spool/slurmd /var/log/slurm
chown slurm:slurm /var/spool/slurmctld /var/log/slurm 2>/dev/null || true
cat > /etc/slurm/slurm.conf <<CONF
ClusterName=samlab
SlurmctldHost=$host
SlurmUser=slurm
AuthType=auth/munge
StateSaveLocation=/var/spool/slurmctld
SlurmdSpoolDir=/var/spool/slurmd
SlurmctldLogFile=/var/log/slurm/slurmctld.log
SlurmdLogFile=/var/log/slurm/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
NodeName=$host CPUs=$cpus RealMemory=$memory State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
pgrep -x slurmctld >/dev/null || /usr/sbin/slurmctld
pgrep -x slurmd >/dev/null || /usr/sbin/slurmd
for _ in $(seq 60); do sinfo -h -o %T 2>/dev/null | grep -Eq '^(idle|mixed|allocated)' && break; sleep 1; done
sinfo -h -o %T | grep -Eq '^(idle|mixed|allocated)' || { sinfo; echo "the Slurm node did not come up" >&2; exit 1; }

work=$(mktemp -d /tmp/samlab-slurm-XXXXXX)
trap 'rm -rf "$work"' EXIT
cd "$work"
cat > sweep.sam <<SAM
data = mnist(limit: 128, center: true, data_dir: "$data/mnist")
net = mlp(hidden: [16], seed: 0)
runs = sweep eta in [0.05, 0.1], rho in [0.0, 0.05] {
  train net on data {
    optimizer = sam(lr: eta, rho: rho)
    stop = after(steps: 60)
    probe every 20 steps: loss, grad_norm, hessian_top(k: 1), sam_edge, edge_ratio
  }
}
SAM
OPENBLAS_NUM_THREADS=1 "$samlab" run sweep.sam --out local --quiet >/dev/null
"$samlab" sweep sweep.sam --out cluster --emit slurm --shards 2 --cpus-per-task 1
sh cluster/slurm/submit.sh
for _ in $(seq 300); do [ -z "$(squeue -h)" ] && break; sleep 1; done
[ -z "$(squeue -h)" ] || { squeue; echo "jobs still queued after 5 minutes" >&2; exit 1; }

strip() { cut -d, -f1-5,8- "$1"; }  # drop training_s and wall_s
if [ -f cluster/summary.csv ] && diff <(strip local/summary.csv) <(strip cluster/summary.csv); then
  echo "slurm-e2e: OK: the 2-task job array and merge reproduce the local sweep ($(($(wc -l < cluster/summary.csv) - 1)) cells)"
else
  echo "slurm-e2e: FAILED; logs:" >&2
  cat cluster/slurm/*.log >&2 || true
  exit 1
fi
