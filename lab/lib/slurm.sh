# shellcheck shell=bash
# Slurm (Debian slurm-wlm 22.05) and munge configuration for one controller and one compute
# daemon on this machine.

setup_slurm() {
  mkdir -p "$LAB/slurm/state" "$LAB/slurm/spool" "$LAB/munge"
  chmod 700 "$LAB/munge"
  if [ ! -f "$LAB/munge/munge.key" ]; then
    dd if=/dev/urandom of="$LAB/munge/munge.key" bs=1024 count=1 2>/dev/null
    chmod 400 "$LAB/munge/munge.key"
  fi
  local host; host=$(hostname -s)
  # Memory limits (--mem) are enforced as a site would, with Slurm's cgroup plugins, when this
  # machine offers a writable cgroup v1 memory hierarchy (Slurm 22.05's cgroup/v2 needs
  # systemd): jobs over their limit end OUT_OF_MEMORY. Otherwise memory is not enforced.
  # Every lab on the machine shares that hierarchy (slurm/uid_0/job_<id>), so each numbers
  # its jobs from its own FirstJobId (by port offset) and their cgroups never collide.
  local task=task/none proctrack=proctrack/linuxproc gather=jobacct_gather/none
  if memory_cgroup_usable; then
    task=task/cgroup proctrack=proctrack/cgroup gather=jobacct_gather/cgroup
    printf '%s\n' CgroupPlugin=cgroup/v1 CgroupMountpoint=/sys/fs/cgroup ConstrainRAMSpace=yes \
      ConstrainSwapSpace=no ConstrainCores=no ConstrainDevices=no >"$(dirname "$SLURM_CONF")/cgroup.conf"
  fi
  # A node larger than the machine (config_overrides) so the itwinai 3DGAN request
  # (--partition=gpu --gres=gpu:1 --cpus-per-task=4 --mem=100G) is accepted and runs.
  cat >"$SLURM_CONF" <<CONF
ClusterName=offloadlab
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$SLURMCTLD_PORT
SlurmdPort=$SLURMD_PORT
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$LAB/munge/munge.socket
SlurmUser=root
SlurmdUser=root
StateSaveLocation=$LAB/slurm/state
SlurmdSpoolDir=$LAB/slurm/spool
SlurmctldPidFile=$LAB/slurm/slurmctld.pid
SlurmdPidFile=$LAB/slurm/slurmd.pid
SlurmctldLogFile=$LAB/logs/slurmctld.log
SlurmdLogFile=$LAB/logs/slurmd.log
ProctrackType=$proctrack
TaskPlugin=$task
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
GresTypes=gpu
SlurmdParameters=config_overrides
ReturnToService=2
MinJobAge=86400
FirstJobId=$((1 + ${OFFLOAD_LAB_PORT_OFFSET:-0} * 1000))
KillWait=5
OverTimeLimit=0
InactiveLimit=0
MpiDefault=none
SwitchType=switch/none
MailProg=/bin/true
JobCompType=jobcomp/filetxt
JobCompLoc=$LAB/slurm/jobcomp.log
JobAcctGatherType=$gather
JobAcctGatherFrequency=task=1
AccountingStorageType=accounting_storage/none
NodeName=labnode NodeHostname=$host NodeAddr=127.0.0.1 CPUs=16 Boards=1 SocketsPerBoard=1 CoresPerSocket=16 ThreadsPerCore=1 RealMemory=262144 Gres=gpu:4 State=UNKNOWN
PartitionName=cpu Nodes=labnode Default=YES MaxTime=INFINITE State=UP
PartitionName=gpu Nodes=labnode MaxTime=INFINITE State=UP
CONF
  # Four GPUs in name only. Slurm 22.05's gres/gpu drops file-less GPUs ("Removing file-less
  # GPU"), so each points at a character device with /dev/null's numbers: jobs asking for
  # --gres=gpu:N are scheduled and counted, and nothing is behind them.
  mkdir -p "$LAB/slurm/dev"
  local i; for i in 0 1 2 3; do [ -e "$LAB/slurm/dev/gpu$i" ] || mknod "$LAB/slurm/dev/gpu$i" c 1 3; done
  printf 'AutoDetect=off\nNodeName=labnode Name=gpu Count=4 File=%s/slurm/dev/gpu[0-3]\n' "$LAB" >"$(dirname "$SLURM_CONF")/gres.conf"
}

# memory_cgroup_usable: a writable cgroup v1 memory controller at /sys/fs/cgroup/memory.
memory_cgroup_usable() {
  local d=/sys/fs/cgroup/memory
  [ -f "$d/memory.limit_in_bytes" ] && [ -w "$d" ] || return 1
  mkdir -p "$d/offload-lab-probe" 2>/dev/null && rmdir "$d/offload-lab-probe"
}
