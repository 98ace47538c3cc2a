#!/usr/bin/env bash
# Times `vanban tasks report` for one issuer's year: 10 notices of 20 tasks each (200 tasks,
# the 100 000-entry bench's tasks per issuer per year), due across the year, issued into a
# fresh archive; then the report (its record and PDF with a 200-row appendix) is drafted five
# times and the median wall time printed. Usage: scripts/year-report-time.sh [VANBAN]
set -euo pipefail
vanban=${1:-target/release/vanban}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$work" <<'PY'
import sys, os
work = sys.argv[1]
bodies = ["Phòng Kinh tế", "Phòng Văn hóa - Xã hội", "Trạm Y tế xã", "Trường Tiểu học Tân Lộc",
          "Văn phòng - Thống kê", "Công an xã", "Ban Chỉ huy Quân sự xã", "Hợp tác xã Nông nghiệp"]
for n in range(10):
    month = n + 1
    tasks = []
    for i in range(20):
        day = 1 + (i * 7 + n) % 27
        due_month = min(12, month + 1 + i % 3)
        tasks.append(f"""    - assignee: {bodies[(i + n) % len(bodies)]}
      task: Nhiệm vụ số {i + 1} của thông báo tháng {month}, thực hiện và báo cáo kết quả
      due: 2030-{due_month:02d}-{day:02d}""")
    text = f"""kind: working_session
id: nam-2030-{n + 1:02d}
issuer:
  system: state
  name: Ủy ban nhân dân xã Tân Lộc
  code: UBND
  place: Tân Lộc
date: 2030-{month:02d}-02
start: "08:00"
end: "10:30"
location: Trụ sở Ủy ban nhân dân xã Tân Lộc
host: các ban, ngành của xã
subject: triển khai nhiệm vụ tháng {month}
chair:
  name: Đỗ Văn Hải
  titles: [Chủ tịch Ủy ban nhân dân xã]
  role: Chủ tịch Ủy ban nhân dân xã
secretary:
  name: Vũ Thị Lan
  titles: [Công chức Văn phòng - Thống kê]
report:
  summary: Các nhiệm vụ trong tháng được phân công cho các ban, ngành.
conclusions:
  tasks:
""" + "\n".join(tasks) + f"""
documents:
  notice:
    date: 2030-{month:02d}-03
    signer:
      authority: TM. Ủy ban nhân dân
      position: Chủ tịch
      name: Đỗ Văn Hải
    recipients: ["Lưu: VT"]
"""
    open(os.path.join(work, f"nam-2030-{n + 1:02d}.yaml"), "w").write(text)
PY
"$vanban" archive add "$work"/nam-2030-*.yaml --archive-dir "$work/kho" >/dev/null
times=()
for run in 1 2 3 4 5; do
  start=$(date +%s%N)
  "$vanban" tasks report --archive-dir "$work/kho" --from 2030-01-01 --to 2030-12-31 \
    --today 2030-12-31 --force -o "$work/out" >/dev/null
  times+=($(( ($(date +%s%N) - start) / 1000000 )))
done
sorted=$(printf '%s\n' "${times[@]}" | sort -n)
pages=$(pdfinfo "$work"/out/*bao-cao-thuc-hien-ket-luan.pdf | awk '/^Pages:/ {print $2}')
echo "tasks report, one issuer's year (200 tasks, ${pages} pages): median $(echo "$sorted" | sed -n 3p) ms of 5 runs ($(echo $sorted | tr '\n' ' ')ms)"
